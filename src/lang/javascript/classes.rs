//! The error classes a JavaScript file declares: how one is made from a message, and the
//! field its constructor keeps a value in ([`message_first`](crate::lang::Semantics::message_first),
//! [`constructor_copy`](crate::lang::Semantics::constructor_copy)).

use tree_sitter::Node;

use crate::lang::{text, Field, NodeType};
use crate::tree::Up;

pub(super) fn constructor_copy(root: Node, read: Node, src: &str) -> Option<String> {
    let args = read.up().filter(|p| p.type_name() == "arguments")?;
    let call = args.up().filter(|c| c.type_name() == "new_expression")?;
    let index = crate::lang::positional_index(args, read, &["spread_element"])?;
    let class = text(call.field("constructor")?, src);
    // The class's constructor stores its `index`-th parameter: a TypeScript parameter
    // property (`public readonly code: string`), or `this.code = code` in its body.
    let decl = crate::lang::find_node(root, |n| {
        matches!(n.type_name(), "class_declaration" | "class")
            && n.field("name").is_some_and(|id| text(id, src) == class)
    })?;
    let mut c = decl.walk();
    let body = decl.field("body")?;
    let ctor = body.named_children(&mut c).find(|m| {
        m.type_name() == "method_definition"
            && m.field("name")
                .is_some_and(|id| text(id, src) == "constructor")
    })?;
    let params = ctor.field("parameters")?;
    let mut c = params.walk();
    let param = params
        .named_children(&mut c)
        .filter(|a| a.type_name() != "comment")
        .nth(index)?;
    let name = match param.type_name() {
        "required_parameter" | "optional_parameter" => {
            let pattern = param.field("pattern")?;
            let mut c = param.walk();
            let property = param
                .children(&mut c)
                .any(|ch| matches!(ch.type_name(), "accessibility_modifier" | "readonly"));
            if property {
                return Some(text(pattern, src).to_string());
            }
            text(pattern, src)
        }
        "identifier" => text(param, src),
        "assignment_pattern" => text(param.field("left")?, src),
        _ => return None,
    };
    // `this.code = code;` in the constructor's body.
    let mut stack = vec![ctor.field("body")?];
    while let Some(n) = stack.pop() {
        if n.type_name() == "assignment_expression" {
            let (left, right) = (n.field("left")?, n.field("right")?);
            if text(right, src) == name && left.type_name() == "member_expression" {
                let object = left.field("object")?;
                if object.type_name() == "this" {
                    return Some(text(left.field("property")?, src).to_string());
                }
            }
        }
        let mut c = n.walk();
        stack.extend(n.named_children(&mut c));
    }
    None
}

pub(super) fn message_first(root: Node, name: &str, src: &str) -> Option<bool> {
    let decl = crate::lang::find_node(root, |n| {
        matches!(n.type_name(), "class_declaration" | "class")
            && n.field("name").is_some_and(|id| text(id, src) == name)
    })?;
    let mut c = decl.walk();
    if !decl
        .children(&mut c)
        .any(|ch| ch.type_name() == "class_heritage")
    {
        return None;
    }
    let body = decl.field("body")?;
    let mut c = body.walk();
    let ctor = body.named_children(&mut c).find(|m| {
        m.type_name() == "method_definition"
            && m.field("name")
                .is_some_and(|id| text(id, src) == "constructor")
    });
    let Some(ctor) = ctor else {
        return Some(true);
    };
    // `constructor(message, code)` with `super(message)`: missing arguments are
    // `undefined` in JavaScript, so only the first one counts.
    let first = ctor.field("parameters").and_then(|p| {
        let mut c = p.walk();
        let first = p
            .named_children(&mut c)
            .find(|a| a.type_name() != "comment");
        first
    });
    let param = match first {
        Some(p) if p.type_name() == "identifier" => p,
        Some(p) if p.type_name() == "required_parameter" => p
            .field("pattern")
            .filter(|x| x.type_name() == "identifier")?,
        _ => return Some(false),
    };
    let param = text(param, src);
    let sup = crate::lang::find_node(ctor, |n| {
        n.type_name() == "call_expression"
            && n.field("function")
                .is_some_and(|f| f.type_name() == "super")
    });
    let passes = sup
        .and_then(|call| call.field("arguments"))
        .and_then(|args| {
            let mut c = args.walk();
            let first = args
                .named_children(&mut c)
                .find(|a| a.type_name() != "comment");
            first
        })
        .is_some_and(|a| text(a, src) == param);
    Some(passes)
}
