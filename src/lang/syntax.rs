//! The neutral facts the rules read of any language, and the traits behind which each
//! language provides them: [`Lowering`] (strings), [`Semantics`] (what code means) and
//! [`CodeGen`] (the code fixes write), together [`Syntax`].

use std::ops::Range;

use tree_sitter::Node;

use super::module::ModuleFacts;
use super::query::Captures;
use super::{text, Field, Lang, Literal, NodeType, StrExpr};
use crate::edit::Edit;
use crate::tree::Up;

pub use super::facts::{
    BodyType, CaseAlternative, FieldKind, Member, PatternEntry, Slot, TextUse, Unwrap,
};

/// A call, seen the same way in every language.
#[derive(Clone, Debug)]
pub struct CallView<'t> {
    pub node: Node<'t>,
    /// The callee's last name: `fetch`, `json` in `res.json()`, `loads` in `json.loads`.
    pub name: String,
    /// The object of a method call: `res` in `res.json()`, `json` in `json.loads(...)`.
    pub receiver: Option<Node<'t>>,
    /// The argument expressions in order (keyword and named arguments: their values).
    pub args: Vec<Node<'t>>,
}

/// How a response body is used where it appears, as the response-shape analysis sees it.
#[derive(Clone, Copy, Debug)]
pub enum UseSite<'t> {
    /// A truth test: `if (x)`, `!x`, `x && ...`, `isset($x)`, `empty($x)`.
    Test,
    /// Iterated: `for (const c of x)`, `foreach ($x as ...)`, `for c in x`.
    Iterate,
    /// Counted: `len(x)`, `count($x)`.
    Count,
    /// Indexed by a non-string: `x[0]`; the subscript node.
    Index(Node<'t>),
    /// Returned from the function around it.
    Return,
    /// Yielded by the generator around it (`yield x`).
    Yield,
    /// Assigned to a name (the target).
    Bound(Node<'t>),
    /// Destructured by a JS object pattern (the pattern).
    Destructure(Node<'t>),
    /// The whole expression of a statement: its value is thrown away (`await send(x);`).
    Discarded,
    /// Anything else: passed, stored, printed.
    Other,
}

/// Reading a language's strings: which nodes are string literals, the string expression
/// around one (a concatenation, a format call), its lowering to characters and holes
/// ([`StrExpr`]), and the names it is bound to. What the URL and header rules read.
pub trait Lowering {
    /// Is this node a string literal (plain, template, interpolated, heredoc)?
    fn is_string(&self, node: Node) -> bool;

    /// The outermost string expression containing this string literal (a concatenation,
    /// a format call); the literal itself when there is none.
    fn string_root<'t>(&self, literal: Node<'t>, src: &str) -> Node<'t>;

    /// Lowers a string expression root to characters and holes.
    fn lower(&self, root: Node, src: &str) -> StrExpr;

    /// The value of a string literal without holes.
    fn literal(&self, node: Node, src: &str) -> Option<Literal>;

    /// The name a string expression root is bound to (variable, constant, property,
    /// object key), looking through env-default forms (`process.env.X || "..."`,
    /// `os.environ.get("X", "...")`, `getenv("X") ?: "..."`).
    fn binding_name(&self, root: Node, src: &str) -> Option<String>;

    /// The keys leading to a value in the array a file returns (a PHP config file,
    /// `return ['flexy' => ['url' => '...']]`: `["flexy", "url"]`), read with a dotted
    /// path (`config('services.flexy.url')`). None for a value elsewhere.
    fn returned_key_path(&self, _root: Node, _src: &str) -> Option<Vec<String>> {
        None
    }

    /// The last name of an expression: `this.baseUrl` -> `baseUrl`, `$this->base` ->
    /// `base`, `self::BASE` -> `BASE`, `$base` -> `base`.
    fn tail_name(&self, expr: Node, src: &str) -> Option<String>;
}

/// What a language's code means, as the response-shape analysis ([`crate::flow`]) and the
/// rules ask it: calls, bindings and their scopes, functions and their returns, how a value
/// is used, error classes thrown and caught, destructuring patterns, and the node kinds
/// (comments, awaits, statements, blocks) the rules must tell apart.
pub trait Semantics {
    /// The language this is (TypeScript and TSX share JavaScript's implementation).
    fn lang(&self) -> Lang;

    /// Node kinds that delimit a scope for the "is this Flexy?" question: calls, then
    /// functions and classes.
    fn is_call(&self, node: Node) -> bool;

    /// The expression inside one that changes nothing at run time: parentheses, and
    /// TypeScript's `x as T`, `x satisfies T`, `x!`, `<T>x`.
    fn transparent<'t>(&self, node: Node<'t>) -> Option<Node<'t>> {
        (node.type_name() == "parenthesized_expression")
            .then(|| node.named_child(0))
            .flatten()
    }

    /// An `await` expression.
    fn is_await(&self, _node: Node) -> bool {
        false
    }

    /// A statement, or a declaration or assignment that stands as one (the text a message
    /// quotes around a place).
    fn is_statement(&self, node: Node) -> bool {
        node.type_name().ends_with("statement")
    }

    fn is_scope(&self, node: Node) -> bool;

    /// The comment node kind (for suppressions).
    fn is_comment(&self, node: Node) -> bool {
        node.type_name() == "comment"
    }

    /// A list of statements: a block, or the file's top level (a statement in one may have
    /// a line inserted after it).
    fn is_statement_list(&self, node: Node) -> bool;

    /// How the parent of `node` uses its value as text: interpolated, concatenated or
    /// printed ([`TextUse::Shown`]), or passed to a call ([`TextUse::Argument`]).
    fn text_use(&self, _node: Node, _src: &str) -> Option<TextUse> {
        None
    }

    /// When `literal` is the value of a case that means the same as other case values: an
    /// empty case falling through to the next (`case "a": case "b":`), or an alternative of
    /// a pattern (`case "a" | "b":`, PHP's `'a', 'b' =>`).
    fn case_alternative<'t>(&self, _literal: Node<'t>) -> Option<CaseAlternative<'t>> {
        None
    }

    /// The type a response body expression is declared with (TypeScript): a cast around it
    /// (`x as T`, `<T>x`), the annotation of the variable it names, or the type argument of
    /// the request that produced it (`axios.get<T>(url)`); declarations are looked up in
    /// the file under `root`.
    fn body_type<'t>(&self, _root: Node<'t>, _body: Node<'t>, _src: &str) -> Option<BodyType<'t>> {
        None
    }

    /// The other type nodes that must say what `ty` (a body's type, [`Semantics::body_type`])
    /// says: when `ty` is a function's return type (`async (): Promise<T> => ...`), the casts
    /// of what it returns (`return (await r.json()) as T`).
    fn type_companions<'t>(&self, _ty: Node<'t>, _src: &str) -> Vec<Node<'t>> {
        Vec::new()
    }

    /// The type a function is declared to return (TypeScript): `T` of `Promise<T>`, or the
    /// annotation itself.
    fn declared_return<'t>(&self, _function: Node<'t>, _src: &str) -> Option<Node<'t>> {
        None
    }

    /// The string literal a named constant of the file holds (`E.NoBalance` of `enum E {
    /// NoBalance = "NO-BALANCE" }` or of `const E = { NoBalance: "NO-BALANCE" }`, `NO_BALANCE`
    /// of `const NO_BALANCE = "NO-BALANCE"`): the literal node.
    fn constant_string<'t>(
        &self,
        _root: Node<'t>,
        _expr: Node<'t>,
        _src: &str,
    ) -> Option<Node<'t>> {
        None
    }

    /// The members of a union type (written, or a `type` alias of the file under `root`)
    /// that are not a v2 error body (a type with an `error` property): `SendTopupResponse`
    /// of `type SendResult = SendTopupResponse | ApiError`, joined with ` | `. None when no
    /// member is an error body or every one is.
    fn success_members(&self, _root: Node, _ty: Node, _src: &str) -> Option<String> {
        None
    }

    /// The type the file declares for a name or member chain, or for its property `field`
    /// (TypeScript: `err.response.data` of `err instanceof HttpError`, through the class's
    /// properties and the type arguments of generic interfaces): the type node.
    fn member_type<'t>(
        &self,
        _root: Node<'t>,
        _expr: Node<'t>,
        _field: Option<&str>,
        _src: &str,
    ) -> Option<Node<'t>> {
        None
    }

    /// The type argument a call is given (TypeScript: `this.get<T>(path)`).
    fn call_type_argument<'t>(&self, _call: Node<'t>) -> Option<Node<'t>> {
        None
    }

    /// The call this node is, if it is one (including `new X(...)`).
    fn call_view<'t>(&self, node: Node<'t>, src: &str) -> Option<CallView<'t>>;

    /// The expression inside `await e`, `(e)`, a cast, a non-null assertion.
    fn look_through<'t>(&self, node: Node<'t>) -> Option<Node<'t>>;

    /// The key a name is bound under: `x`, `$x`, `this.x`, `self.x`, `$this->x`.
    fn name_key(&self, node: Node, src: &str) -> Option<String>;

    /// A binding: `(target, value)` for an assignment, declaration, `with ... as x`.
    fn binding<'t>(&self, node: Node<'t>, src: &str) -> Option<(Node<'t>, Node<'t>)>;

    /// A binding target that assigns a name of an enclosing function rather than declaring
    /// one in its own: JavaScript's `raw += chunk` in a callback, where `raw` is a `let`
    /// outside it (Python and PHP functions bind their own names unless told otherwise).
    fn assigns_outer(&self, _target: Node) -> bool {
        false
    }

    /// A declaration binding a value to a key: a class field (`this.x`, `$this->x`,
    /// `self.x`), a constant (`const X = ...`, `define('X', ...)`).
    fn declaration<'t>(&self, node: Node<'t>, src: &str) -> Option<(String, Node<'t>)>;

    /// The variable a loop binds (`for (const x of ...)`, `foreach (... as $x)`, `for x in`).
    fn loop_variable<'t>(&self, node: Node<'t>) -> Option<Node<'t>>;

    /// A `catch`/`except` clause: the bound name and the `try` body it guards.
    fn handler<'t>(&self, node: Node<'t>) -> Option<(Node<'t>, Node<'t>)>;

    fn is_function(&self, node: Node) -> bool;

    /// The function's name (methods included).
    fn function_name(&self, f: Node, src: &str) -> Option<String>;

    fn is_async(&self, f: Node, src: &str) -> bool;

    /// The first parameter's name node, for callbacks (`r => r.json()`).
    fn first_param<'t>(&self, f: Node<'t>) -> Option<Node<'t>>;

    /// The return statements of the function (not of nested functions), or its expression
    /// body; each with the returned value.
    fn returns<'t>(&self, f: Node<'t>) -> Vec<(Node<'t>, Node<'t>)>;

    /// Parses JSON text into a body: `JSON.parse`, `json.loads`, `json_decode`.
    fn is_json_parse(&self, call: &CallView, src: &str) -> bool;

    /// What a field of a response object (not yet parsed) gives: `Some(true)` the parsed
    /// body (axios `response.data`), `Some(false)` its raw text (`r.text`), else None.
    fn response_field(&self, name: &str) -> Option<bool>;

    /// How the expression is used where it stands.
    fn use_site<'t>(&self, node: Node<'t>, src: &str) -> UseSite<'t>;

    /// The key a membership test asks of the expression (`"error" in data`, Python and
    /// JavaScript), when it is a plain string. PHP's `isset($x['error'])` is a field read.
    fn membership_key(&self, _node: Node, _src: &str) -> Option<String> {
        None
    }

    /// The membership test the expression is the subject of (`"error" in data`), and the
    /// same test written with the v3 `success` flag (`!data.success`), which v3 clears
    /// exactly when it sends `error`. Only where a type checker narrows by the test
    /// (TypeScript); else None.
    fn success_test(&self, _node: Node, _src: &str) -> Option<(Range<usize>, String)> {
        None
    }

    /// Syntax errors the real parser reports that the tree holds no ERROR or MISSING node
    /// for (Python's indentation errors).
    fn hidden_errors(&self, _root: Node, _src: &str) -> Vec<Range<usize>> {
        Vec::new()
    }

    /// The class a `throw`/`raise` at `node` constructs by name: `throw new ApiError(...)`,
    /// `raise ApiError(...)`.
    fn thrown_class(&self, _node: Node, _src: &str) -> Option<String> {
        None
    }

    /// The classes named by the error handlers of the `try` statements whose body holds
    /// `node`, in its function: `catch (ApiException $e)`, `except (ApiError, KeyError)`,
    /// JavaScript's `e instanceof ApiError` in a `catch` block.
    fn caught_classes(&self, _node: Node, _src: &str) -> Vec<String> {
        Vec::new()
    }

    /// Whether error class `name`, declared in the file, is made from the message alone:
    /// no constructor of its own, or one passing its first parameter first to its parent's
    /// and needing no other argument. `None` when the file declares no such subclass.
    fn message_first(&self, _root: Node, _name: &str, _src: &str) -> Option<bool> {
        None
    }

    /// The field an error class of this file keeps `read` in, when `read` is a positional
    /// argument of a call of its constructor: `new FlexyError(data.error)` with
    /// `this.code = code`, `FlexyError(body["error"])` with `self.code = code`,
    /// `new FlexyException($r['error'])` with `$this->code = $code` or a promoted
    /// `public string $code`.
    fn constructor_copy(&self, root: Node, read: Node, src: &str) -> Option<String>;

    /// The expressions whose results a call awaiting them all returns in order:
    /// `Promise.all([a, b])` (JS), `asyncio.gather(a, b)` (Python), looking through `await`;
    /// `None` at a hole (`[a, , b]`).
    fn all_of<'t>(&self, _value: Node<'t>, _src: &str) -> Option<Vec<Option<Node<'t>>>> {
        None
    }

    /// The targets of a sequence pattern, by position: `[a, b]` (JS, `None` at a hole of
    /// `[, b]`), `a, b` or `(a, b)` (Python).
    fn sequence_targets<'t>(&self, _target: Node<'t>) -> Option<Vec<Option<Node<'t>>>> {
        None
    }

    /// The name a destructuring pattern binds `key` to: `error` of `{ error, message }`,
    /// `e` of `{ error: e }`.
    fn pattern_local<'t>(&self, _pattern: Node<'t>, _key: &str, _src: &str) -> Option<Node<'t>> {
        None
    }

    /// The pattern a destructuring pattern binds the `data` key to, when it is a pattern
    /// itself: `{ balance }` of `const { data: { balance } } = response`.
    fn data_pattern<'t>(&self, _pattern: Node<'t>, _src: &str) -> Option<Node<'t>> {
        None
    }

    /// The entries of an object or sequence literal that may hold a response: (key, value)
    /// for `{ status, body: b }`, `{"body": b}`, `['body' => $b]`; (`#<position>`, value)
    /// for `(status, body)`, `[status, body]`, `[$status, $body]`.
    fn holder_entries<'t>(&self, _node: Node<'t>, _src: &str) -> Option<Vec<(String, Node<'t>)>> {
        None
    }

    /// A function of the language's own that takes a list whole (`array_filter`, `sorted`):
    /// a bare products array given to it is used as an array.
    fn takes_list(&self, _name: &str) -> bool {
        false
    }

    /// The object or sequence literal `node` is an entry value of (`{ body: node }`,
    /// `{ node }`, `(status, node)`, `['body' => node]`).
    fn entry_container<'t>(&self, _node: Node<'t>) -> Option<Node<'t>> {
        None
    }

    /// The values a promise made by `value` is resolved with:
    /// `new Promise((resolve) => { ... resolve(x) ... })` gives `x`.
    fn promise_resolved<'t>(&self, _value: Node<'t>, _src: &str) -> Vec<Node<'t>> {
        Vec::new()
    }

    /// The keyed entries of a destructuring pattern (`{ a, b: x, c = 1 }`,
    /// `['a' => $a, 'b' => $x]`), in order; `None` when an entry is not keyed by a plain
    /// name (a computed key, a rest element, a positional entry).
    fn pattern_entries(&self, _pattern: Node, _src: &str) -> Option<Vec<PatternEntry>> {
        None
    }

    /// A class declaration or expression (a scope of its own).
    fn is_class(&self, node: Node) -> bool {
        self.is_scope(node) && node.type_name().contains("class")
    }

    // The shapes the analysis asks about. The defaults know every grammar's node names, so
    // the analysis needs none.

    /// The parameter list of a function.
    fn parameters<'t>(&self, f: Node<'t>) -> Option<Node<'t>> {
        f.field("parameters").or_else(|| f.field("parameter"))
    }

    /// A name a parameter list binds (not a pattern or list around names).
    fn is_parameter_name(&self, n: Node) -> bool {
        matches!(
            n.type_name(),
            "identifier" | "variable_name" | "shorthand_property_identifier_pattern"
        )
    }

    /// The default value of a parameter, which is no parameter itself.
    fn default_value<'t>(&self, param: Node<'t>) -> Option<Node<'t>> {
        param.field("value").or(param.field("right"))
    }

    /// The name of a class.
    fn class_name<'t>(&self, class: Node<'t>) -> Option<Node<'t>> {
        class.field("name")
    }

    /// A function defined as a method, or as the value of an object's entry.
    fn is_method(&self, f: Node) -> bool {
        matches!(f.type_name(), "method_definition" | "method_declaration")
            || f.up().is_some_and(|p| p.type_name() == "pair")
    }

    /// An assignment that combines its target with its value (`+=`, `.=`).
    fn is_augmented(&self, n: Node) -> bool {
        n.type_name().starts_with("augmented")
    }

    /// The keyword an argument is passed under (`code=x` in Python).
    fn keyword_of<'t>(&self, arg: Node<'t>) -> Option<Node<'t>> {
        arg.up()
            .filter(|p| p.type_name() == "keyword_argument")
            .and_then(|p| p.field("name"))
    }

    /// A binary operation (`a + b`, `$a . $b`).
    fn is_binary(&self, n: Node) -> bool {
        matches!(n.type_name(), "binary_expression" | "binary_operator")
    }

    /// An object, array, dict, list or tuple literal, or a part of one (an entry, a spread).
    fn is_collection(&self, n: Node) -> bool {
        matches!(
            n.type_name(),
            "object"
                | "array"
                | "pair"
                | "dictionary"
                | "list"
                | "tuple"
                | "array_creation_expression"
                | "array_element_initializer"
                | "spread_element"
        )
    }

    /// Parentheses around an expression.
    fn is_parenthesized(&self, n: Node) -> bool {
        n.type_name() == "parenthesized_expression"
    }

    /// An argument of a call.
    fn is_argument(&self, n: Node) -> bool {
        n.up()
            .is_some_and(|p| matches!(p.type_name(), "argument" | "arguments" | "argument_list"))
    }

    /// Compared for equality (`x === "A"`, `x != 'B'`), or the subject of a `switch` or
    /// `match`.
    fn is_compared(&self, n: Node, src: &str) -> bool {
        let Some(p) = n.up() else { return false };
        match p.type_name() {
            "binary_expression" => p
                .field("operator")
                .is_some_and(|o| matches!(text(o, src), "==" | "===" | "!=" | "!==" | "<>")),
            "comparison_operator"
            | "switch_statement"
            | "match_statement"
            | "match_expression"
            | "switch_expression" => true,
            "parenthesized_expression" => p
                .up()
                .is_some_and(|g| matches!(g.type_name(), "switch_statement" | "match_expression")),
            _ => false,
        }
    }

    /// The body of a loop.
    fn loop_body<'t>(&self, l: Node<'t>) -> Option<Node<'t>> {
        l.field("body")
    }

    /// The key of an object's entry (`k` in `{ k: v }`).
    fn is_entry_key(&self, n: Node) -> bool {
        n.up().is_some_and(|p| p.field("key") == Some(n))
    }

    /// Is `n` the value of a type test that tells an array from an object: JavaScript's
    /// `Array.isArray(x)`, PHP's `is_array($x)` / `is_object($x)` (the call a few levels up,
    /// through its argument list)?
    fn is_type_test(&self, n: Node, src: &str) -> bool {
        let mut p = n.up();
        for _ in 0..3 {
            let Some(call) = p else { return false };
            if let Some(c) = self.call_view(call, src) {
                let receiver = c.receiver.map(|r| text(r, src));
                let test = match self.lang() {
                    Lang::Php => matches!(
                        c.name.to_ascii_lowercase().as_str(),
                        "is_array" | "is_object"
                    ),
                    l if l.is_js_family() => c.name == "isArray" && receiver == Some("Array"),
                    _ => false,
                };
                return test && c.args.first() == Some(&n);
            }
            p = call.up();
        }
        false
    }

    /// What the file imports and exports, from the matches of its `modules.scm` query.
    fn module_facts(&self, _matches: &[Captures], _src: &str) -> ModuleFacts {
        ModuleFacts::default()
    }
}

/// The code text a language's fixes write: quoted keys, field reads of the v3 body, the
/// statements that replace a wrapper's return, destructuring patterns, an error class, and
/// the completion of edits where the language needs more than they say.
pub trait CodeGen {
    /// `text` as a string literal of this language (for a key that must be quoted).
    fn quote(&self, text: &str) -> String {
        format!("\"{text}\"")
    }

    /// Edits that turn a read of a Flexy error (`r.error`) into a read of its v3 code
    /// (`r.error?.code`), keeping the expression's value `null`/`undefined`/`None` where the
    /// error is absent, as the v2 read was.
    fn error_code_read(&self, read: &Member, src: &str) -> Vec<Edit>;

    /// Text inserted after a body expression to read `path` in it (`.data.products`,
    /// `['data']['products']`, `->data->products`, `["data"]["products"]`); `like` is a field
    /// read of the same body whose form and quotes are followed.
    fn path_suffix(
        &self,
        path: &[&str],
        like: Option<&Member>,
        at: Node,
        objects: bool,
        src: &str,
    ) -> String;

    /// The statements replacing `return <value>` in a wrapper migrated at the wrapper:
    /// raise the v3 error (when `u.raise`), then return `data`.
    fn unwrap_return(&self, u: &Unwrap) -> String;

    /// Completes a fix's edits where the language needs more than they say: PHP's simple
    /// interpolation (`"$o->balance"`, `"$a[balance]"`) holds one property or one key, so
    /// an edit inside one turns it into the complex form (`"{$o->data->balance}"`).
    fn complete_edits(&self, _root: Node, _src: &str, _edits: &mut Vec<Edit>) {}

    /// Where a statement stands, for a fix that replaces it with several statements.
    fn slot(&self, stmt: Node, src: &str) -> Slot;

    /// Code the unwrapped wrapper needs once per file: (its name, its text), deriving from
    /// `parent` (a class of the program) when given.
    fn error_class(&self, _parent: Option<&str>) -> Option<(&'static str, String)> {
        None
    }

    /// A pattern entry binding `key` to `local` (a local's text, or a nested pattern).
    fn pattern_entry(&self, _key: &str, _local: &str) -> String {
        String::new()
    }

    /// A pattern of `entries` (joined entries) in the form of `like`.
    fn pattern_of(&self, _like: Node, _entries: &str, _src: &str) -> String {
        String::new()
    }

    /// A declaration the code a fix adds once per file ([`CodeGen::error_class`]) is
    /// written after, when it holds the code that needs it (the outermost one is taken).
    fn is_insertion_anchor(&self, _node: Node) -> bool {
        false
    }

    /// An expression a suffix (`.data`) can follow without parentheses. TypeScript reads
    /// `await f<T>(x)` as a call of `await f`: an `await`, which is not one.
    fn is_primary(&self, n: Node) -> bool {
        let awaited_generic_call = n.type_name() == "call_expression"
            && n.field("function")
                .is_some_and(|f| f.type_name() == "await_expression");
        matches!(
            n.type_name(),
            "identifier"
                | "variable_name"
                | "member_expression"
                | "subscript_expression"
                | "call_expression"
                | "parenthesized_expression"
                | "attribute"
                | "subscript"
                | "call"
                | "function_call_expression"
                | "member_call_expression"
                | "member_access_expression"
        ) && !awaited_generic_call
    }
}

/// The language-specific half of the analysis: the three roles of a language together.
/// Rules hold a `&'static dyn Syntax` ([`Lang::syntax`]); code that reaches a language
/// through a generic or a role trait object imports the roles with
/// `use crate::lang::prelude::*;`.
pub trait Syntax: Lowering + Semantics + CodeGen + Sync {}

impl<T: Lowering + Semantics + CodeGen + Sync> Syntax for T {}
