//! The JavaScript and TypeScript code text fixes write.

use super::JavaScript;

use crate::edit::Edit;
use crate::lang::CodeGen;
use crate::lang::Member;
use crate::lang::NodeType;
use crate::lang::{insert, text, Unwrap};
use crate::tree::Up;
use tree_sitter::Node;

impl CodeGen for JavaScript {
    fn is_insertion_anchor(&self, node: Node) -> bool {
        node.type_name() == "class_declaration"
    }

    fn error_code_read(&self, read: &Member, _src: &str) -> Vec<Edit> {
        vec![insert(read.read.end_byte(), "?.code")]
    }

    fn pattern_entry(&self, key: &str, local: &str) -> String {
        if key == local {
            key.to_string()
        } else {
            format!("{key}: {local}")
        }
    }

    fn pattern_of(&self, _like: Node, entries: &str, _src: &str) -> String {
        format!("{{ {entries} }}")
    }

    fn slot(&self, stmt: Node, _src: &str) -> crate::lang::Slot {
        // A `case` body is a list, but a `const` there is scoped to the whole `switch`: the
        // statements get a block of their own, as in any other single-statement body.
        match stmt.up().map(|p| p.type_name()) {
            Some("statement_block" | "program" | "class_static_block") => crate::lang::Slot::List,
            _ => crate::lang::Slot::Lone,
        }
    }

    fn unwrap_return(&self, u: &Unwrap) -> String {
        let (i, un) = (u.indent, u.unit);
        let ts = self.lang.is_typescript();
        if let Some(r) = u.name {
            let check = if u.raise {
                raise_js(r, u, i, un, ts) + i
            } else {
                String::new()
            };
            return format!("{check}return {r}.data;");
        }
        if u.is_async && !u.expression_body {
            let v = u.var;
            let check = if u.raise {
                raise_js(v, u, i, un, ts) + i
            } else {
                String::new()
            };
            return format!("const {v} = await {};\n{i}{check}return {v}.data;", u.value);
        }
        // A promise: one more `.then` that checks and unwraps.
        let v = u.var;
        let inner = format!("{i}{un}");
        let check = if u.raise {
            inner.clone() + &raise_js(v, u, &inner, un, ts)
        } else {
            String::new()
        };
        // TypeScript: the parameter is the parsed JSON, `any` (strict mode asks for a type).
        let param = if ts {
            format!("{v}: any")
        } else {
            v.to_string()
        };
        let chained = format!(
            "{}.then(({param}) => {{\n{check}{inner}return {v}.data;\n{i}}})",
            u.value
        );
        if u.expression_body {
            chained
        } else {
            format!("return {chained};")
        }
    }

    fn path_suffix(
        &self,
        path: &[&str],
        like: Option<&Member>,
        _at: Node,
        _objects: bool,
        src: &str,
    ) -> String {
        let optional = like.is_some_and(|m| {
            let mut c = m.read.walk();
            let found = m
                .read
                .children(&mut c)
                .any(|ch| ch.type_name() == "optional_chain");
            found && text(m.read, src).contains("?.")
        });
        let sep = if optional { "?." } else { "." };
        path.iter().map(|f| format!("{sep}{f}")).collect()
    }
}

fn raise_js(r: &str, w: &Unwrap, i: &str, u: &str, ts: bool) -> String {
    let (e, class) = (w.error_var, w.class.unwrap_or("Error"));
    if ts {
        // An `Error` has no `code`: TypeScript gets the fields in one typed object.
        return format!(
            "if (!{r}.success) {{\n{i}{u}throw Object.assign(new {class}({r}.error.message), {{\n\
             {i}{u}{u}code: {r}.error.code,\n{i}{u}{u}details: {r}.error.details,\n\
             {i}{u}{u}requestId: {r}.requestId,\n{i}{u}}});\n{i}}}\n"
        );
    }
    format!(
        "if (!{r}.success) {{\n{i}{u}const {e} = new {class}({r}.error.message);\n\
         {i}{u}{e}.code = {r}.error.code;\n{i}{u}{e}.details = {r}.error.details;\n\
         {i}{u}{e}.requestId = {r}.requestId;\n{i}{u}throw {e};\n{i}}}\n"
    )
}
