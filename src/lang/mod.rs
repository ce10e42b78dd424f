//! Languages: which files are which, their grammars and queries, and the lowering of each
//! language's syntax to a few neutral facts that the rules read.
//!
//! The neutral facts are: a string expression as characters and holes ([`StrExpr`]), the
//! name a value is bound to, the tail name of an expression (`this.baseUrl` -> `baseUrl`),
//! and the captures of the per-language queries in `queries/<lang>/`, whose capture names are
//! shared by all languages. Everything language-specific sits behind [`Syntax`].

mod javascript;
mod php;
mod python;
pub mod query;

use std::ops::Range;
use std::path::Path;

use tree_sitter::Node;

use crate::api::Tok;
use crate::flexy::Member;
use crate::rules::Edit;
use crate::source::Up;

/// How deep a string expression is followed (concatenation operands, format strings).
pub const MAX_DEPTH: usize = 200;

/// A supported language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    JavaScript,
    Php,
    Python,
    /// TypeScript (`.ts`, `.mts`, `.cts`): JavaScript's syntax with types, read by the
    /// JavaScript analysis, which looks through the type syntax.
    TypeScript,
    /// TypeScript with JSX (`.tsx`).
    Tsx,
    /// An HTML page: its `<script>` blocks are read (see [`crate::document`]).
    Html,
    /// A Vue single-file component: its `<script>` blocks are read.
    Vue,
}

impl Lang {
    /// The languages with a grammar of their own (HTML and Vue files are read through the
    /// scripts they hold).
    pub const ALL: [Lang; 5] = [
        Lang::JavaScript,
        Lang::Php,
        Lang::Python,
        Lang::TypeScript,
        Lang::Tsx,
    ];

    /// The language of a file, by its extension (in any case).
    pub fn from_path(path: &Path) -> Option<Lang> {
        let ext = path.extension()?.to_str()?;
        KINDS
            .iter()
            .find(|kind| kind.extensions.iter().any(|e| e.eq_ignore_ascii_case(ext)))
            .map(|kind| kind.lang)
    }

    pub fn name(self) -> &'static str {
        match self {
            Lang::JavaScript => "javascript",
            Lang::Php => "php",
            Lang::Python => "python",
            Lang::TypeScript => "typescript",
            Lang::Tsx => "tsx",
            Lang::Html => "html",
            Lang::Vue => "vue",
        }
    }

    /// JavaScript, or TypeScript with or without JSX: one analysis, one set of queries.
    pub fn is_js_family(self) -> bool {
        matches!(self, Lang::JavaScript | Lang::TypeScript | Lang::Tsx)
    }

    /// Is TypeScript (type annotations, interfaces)?
    pub fn is_typescript(self) -> bool {
        matches!(self, Lang::TypeScript | Lang::Tsx)
    }

    pub fn grammar(self) -> tree_sitter::Language {
        match self {
            Lang::JavaScript => tree_sitter_javascript::LANGUAGE.into(),
            // Real files: `<?php` tags and inline HTML, not PHP-only fragments.
            Lang::Php => tree_sitter_php::LANGUAGE_PHP.into(),
            Lang::Python => tree_sitter_python::LANGUAGE.into(),
            Lang::TypeScript => tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
            Lang::Tsx => tree_sitter_typescript::LANGUAGE_TSX.into(),
            // Not parsed as a whole: `Document` parses their scripts. JavaScript's grammar
            // stands in for a caller that asks anyway.
            Lang::Html | Lang::Vue => tree_sitter_javascript::LANGUAGE.into(),
        }
    }

    pub fn syntax(self) -> &'static dyn Syntax {
        match self {
            Lang::JavaScript | Lang::Html | Lang::Vue => &javascript::JS,
            Lang::TypeScript => &javascript::TS,
            Lang::Tsx => &javascript::TSX,
            Lang::Php => &php::Php,
            Lang::Python => &python::Python,
        }
    }
}

/// A kind of file the tool reads: its language, the name users know it by, and its
/// extensions.
pub struct FileKind {
    pub lang: Lang,
    /// As written in messages: "TypeScript".
    pub title: &'static str,
    /// Without the dot, lowercase.
    pub extensions: &'static [&'static str],
}

/// Every kind of file the tool reads, in the order messages list them: the one table that
/// [`Lang::from_path`], the command line's help and the messages about a file's kind come
/// from, so they cannot drift apart.
pub const KINDS: &[FileKind] = &[
    FileKind {
        lang: Lang::JavaScript,
        title: "JavaScript",
        extensions: &["js", "mjs", "cjs", "jsx"],
    },
    FileKind {
        lang: Lang::TypeScript,
        title: "TypeScript",
        extensions: &["ts", "mts", "cts"],
    },
    FileKind {
        lang: Lang::Tsx,
        title: "TSX",
        extensions: &["tsx"],
    },
    FileKind {
        lang: Lang::Php,
        title: "PHP",
        extensions: &["php", "phtml", "inc"],
    },
    FileKind {
        lang: Lang::Python,
        title: "Python",
        extensions: &["py", "pyw"],
    },
    FileKind {
        lang: Lang::Html,
        title: "HTML",
        extensions: &["html", "htm"],
    },
    FileKind {
        lang: Lang::Vue,
        title: "Vue",
        extensions: &["vue"],
    },
];

/// The extensions read, grouped by kind: `.js .mjs .cjs .jsx, .ts .mts .cts, ...`.
pub fn extension_list() -> String {
    KINDS
        .iter()
        .map(|kind| {
            kind.extensions
                .iter()
                .map(|e| format!(".{e}"))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The kinds of file read, by name, TSX counted with TypeScript: "JavaScript, TypeScript,
/// PHP, Python, HTML or Vue" (with `last` = "or").
pub fn kind_list(last: &str) -> String {
    let titles: Vec<&str> = KINDS
        .iter()
        .filter(|kind| kind.lang != Lang::Tsx)
        .map(|kind| kind.title)
        .collect();
    match titles.split_last() {
        Some((end, [])) => end.to_string(),
        Some((end, rest)) => format!("{} {last} {end}", rest.join(", ")),
        None => String::new(),
    }
}

/// A hole of a string expression: an expression whose value is not known.
#[derive(Clone, Debug)]
pub struct Hole {
    /// Where the hole is written (`${ref}`, `{$x}`, `%s`, or a concatenation operand).
    pub span: Range<usize>,
    /// The expression that fills it (for a format placeholder, the matching argument).
    pub expr: Option<Range<usize>>,
    /// Text may be inserted right before or after the hole (it sits inside a string).
    pub inside_string: bool,
}

/// A string expression lowered to characters and holes.
#[derive(Clone, Debug, Default)]
pub struct StrExpr {
    /// The whole expression (the concatenation, the format call, or the literal).
    pub root: Range<usize>,
    pub toks: Vec<Tok>,
    /// For each token, its source bytes (for a hole, the hole's span).
    pub spans: Vec<Range<usize>>,
    pub holes: Vec<Hole>,
}

impl StrExpr {
    pub fn push_char(&mut self, c: char, span: Range<usize>) {
        self.toks.push(Tok::Ch(c));
        self.spans.push(span);
    }

    pub fn push_hole(&mut self, hole: Hole) {
        self.toks.push(Tok::Hole(self.holes.len()));
        self.spans.push(hole.span.clone());
        self.holes.push(hole);
    }

    /// Pushes the characters of `src[range]`, decoding the escape sequences among
    /// `escapes` (each one token).
    pub fn push_text(&mut self, src: &str, range: Range<usize>, escapes: &[Range<usize>]) {
        let mut i = range.start;
        while i < range.end {
            if let Some(e) = escapes.iter().find(|e| e.start == i) {
                let c = decode_escape(&src[e.clone()]);
                self.push_char(c, e.clone());
                i = e.end.max(i + 1);
                continue;
            }
            let c = src[i..].chars().next().unwrap_or('\u{fffd}');
            let n = c.len_utf8();
            self.push_char(c, i..i + n);
            i += n;
        }
    }

    pub fn append(&mut self, other: StrExpr) {
        let base = self.holes.len();
        for (t, s) in other.toks.into_iter().zip(other.spans) {
            self.toks.push(match t {
                Tok::Hole(n) => Tok::Hole(n + base),
                c => c,
            });
            self.spans.push(s);
        }
        self.holes.extend(other.holes);
    }

    /// The literal text, with holes as U+FFFC.
    pub fn text(&self) -> String {
        self.toks
            .iter()
            .map(|t| match t {
                Tok::Ch(c) => *c,
                Tok::Hole(_) => '\u{fffc}',
            })
            .collect()
    }

    /// Replaces format placeholders in the literal characters by holes filled by `args`
    /// (positional, in order) or `named` args; `scan` finds a placeholder at a char index
    /// and returns its length and, for a named one, its name.
    pub fn apply_placeholders(
        &mut self,
        scan: impl Fn(&[Tok], usize) -> Option<(usize, Placeholder)>,
        args: &[Range<usize>],
        named: &[(String, Range<usize>)],
    ) {
        let old = std::mem::take(self);
        let mut out = StrExpr {
            root: old.root.clone(),
            ..Default::default()
        };
        let mut next_arg = 0;
        let mut i = 0;
        while i < old.toks.len() {
            if let Tok::Hole(n) = old.toks[i] {
                out.push_hole(old.holes[n].clone());
                i += 1;
                continue;
            }
            match scan(&old.toks, i) {
                Some((len, ph)) => {
                    let span = old.spans[i].start..old.spans[i + len - 1].end;
                    match ph {
                        Placeholder::Literal(c) => out.push_char(c, span),
                        _ => {
                            let expr = match ph {
                                Placeholder::Next => {
                                    next_arg += 1;
                                    args.get(next_arg - 1).cloned()
                                }
                                Placeholder::Index(k) => args.get(k).cloned(),
                                Placeholder::Named(name) => named
                                    .iter()
                                    .find(|(n, _)| *n == name)
                                    .map(|(_, r)| r.clone()),
                                Placeholder::Literal(_) => None,
                            };
                            out.push_hole(Hole {
                                span,
                                expr,
                                inside_string: true,
                            });
                        }
                    }
                    i += len;
                }
                None => {
                    out.toks.push(old.toks[i]);
                    out.spans.push(old.spans[i].clone());
                    i += 1;
                }
            }
        }
        *self = out;
    }
}

/// A format placeholder found in a literal.
pub enum Placeholder {
    Next,
    Index(usize),
    Named(String),
    /// An escaped character (`%%`, `{{`): literal text.
    Literal(char),
}

fn decode_escape(e: &str) -> char {
    let mut it = e.chars();
    if it.next() != Some('\\') {
        return e.chars().next().unwrap_or('\u{fffd}');
    }
    match it.next() {
        Some('n') => '\n',
        Some('t') => '\t',
        Some('r') => '\r',
        Some(c @ ('/' | '\\' | '"' | '\'' | '`' | '$' | '{' | '}')) => c,
        // Other escapes (hex, unicode, octal) stand for characters a URL path does not hold.
        _ => '\u{fffd}',
    }
}

/// A string literal with no holes: its value and the source range of its content.
#[derive(Clone, Debug)]
pub struct Literal {
    pub value: String,
    pub inner: Range<usize>,
}

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
    /// Anything else: passed, stored, printed.
    Other,
}

/// The language-specific half of the analysis.
pub trait Syntax: Sync {
    fn lang(&self) -> Lang;

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

    /// The last name of an expression: `this.baseUrl` -> `baseUrl`, `$this->base` ->
    /// `base`, `self::BASE` -> `BASE`, `$base` -> `base`.
    fn tail_name(&self, expr: Node, src: &str) -> Option<String>;

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

    /// A class declaration or expression (a scope of its own).
    fn is_class(&self, node: Node) -> bool {
        self.is_scope(node) && node.type_name().contains("class")
    }

    /// The comment node kind (for suppressions).
    fn is_comment(&self, node: Node) -> bool {
        node.type_name() == "comment"
    }

    /// `text` as a string literal of this language (for a key that must be quoted).
    fn quote(&self, text: &str) -> String {
        format!("\"{text}\"")
    }

    /// Edits that turn a read of a Flexy error (`r.error`) into a read of its v3 code
    /// (`r.error?.code`), keeping the expression's value `null`/`undefined`/`None` where the
    /// error is absent, as the v2 read was.
    fn error_code_read(&self, read: &Member, src: &str) -> Vec<Edit>;

    // The response-shape analysis (`crate::flow`).

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

    /// Syntax errors the real parser reports that the tree holds no ERROR or MISSING node
    /// for (Python's indentation errors).
    fn hidden_errors(&self, _root: Node, _src: &str) -> Vec<Range<usize>> {
        Vec::new()
    }

    /// Where a statement stands, for a fix that replaces it with several statements.
    fn slot(&self, stmt: Node, src: &str) -> Slot;

    /// Code the unwrapped wrapper needs once per file: (its name, its text), deriving from
    /// `parent` (a class of the program) when given.
    fn error_class(&self, _parent: Option<&str>) -> Option<(&'static str, String)> {
        None
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

    /// A pattern entry binding `key` to `local` (a local's text, or a nested pattern).
    fn pattern_entry(&self, _key: &str, _local: &str) -> String {
        String::new()
    }

    /// A pattern of `entries` (joined entries) in the form of `like`.
    fn pattern_of(&self, _like: Node, _entries: &str, _src: &str) -> String {
        String::new()
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

/// One keyed entry of a destructuring pattern ([`Syntax::pattern_entries`]).
#[derive(Clone, Debug)]
pub struct PatternEntry {
    /// The whole entry, replaced when it moves.
    pub range: Range<usize>,
    pub key: String,
    /// What the entry binds: a local name, or a nested pattern.
    pub local_range: Range<usize>,
    /// It has a default (`{ a = 1 }`).
    pub defaulted: bool,
}

/// The first node under `root`, in pre-order, that `hit` accepts.
pub(crate) fn find_node<'t>(root: Node<'t>, hit: impl Fn(Node<'t>) -> bool) -> Option<Node<'t>> {
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        if hit(n) {
            return Some(n);
        }
        let mut c = n.walk();
        let children: Vec<Node<'t>> = n.named_children(&mut c).collect();
        stack.extend(children.into_iter().rev());
    }
    None
}

/// The position of `arg` among the positional arguments of `args` (comments, keyword
/// and spread arguments are not counted; `None` when `arg` is not one of them).
pub(crate) fn positional_index(args: Node, arg: Node, skip: &[&str]) -> Option<usize> {
    let mut c = args.walk();
    let found = args
        .named_children(&mut c)
        .filter(|a| a.type_name() != "comment" && !skip.contains(&a.type_name()))
        .position(|a| a == arg);
    found
}

/// Where a statement stands ([`Syntax::slot`]): what must change around it when it becomes
/// several statements.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Slot {
    /// In a list of statements (a block, a `case` of PHP, a PHP `if: ... endif;`): several
    /// statements may replace it as they are.
    List,
    /// The one statement of a body without braces (`if (x) return y;`, `else return y;`, a
    /// loop's, a label's, a JavaScript `case`'s): several go in a new block `{ ... }`.
    Lone,
    /// In a block written on its header's line (Python `if x: return y`, `def f(): return
    /// y`): the block's statements move to lines of their own, one level deeper than the
    /// header line (whose indentation starts at `header`), by replacing each of `breaks`
    /// (the space after the `:`, each `;` between two statements) with a line break.
    HeaderLine {
        header: usize,
        breaks: Vec<Range<usize>>,
    },
}

/// What [`Syntax::unwrap_return`] needs to know.
#[derive(Clone, Copy)]
pub struct Unwrap<'a> {
    /// The returned expression (without `await`).
    pub value: &'a str,
    /// The returned expression is this variable already.
    pub name: Option<&'a str>,
    /// A fresh variable name for the response.
    pub var: &'a str,
    /// The indentation of the return statement, and one level.
    pub indent: &'a str,
    pub unit: &'a str,
    pub is_async: bool,
    /// The returned expression was awaited (`return await r.json()`).
    pub awaited: bool,
    /// The return is a whole expression body (`(p) => fetch(p).then(...)`).
    pub expression_body: bool,
    /// PHP objects (`json_decode` without `assoc`).
    pub objects: bool,
    /// Insert the v3 error check (the wrapper does not check errors itself).
    pub raise: bool,
    /// The program's own error class to raise, made from the v3 message
    /// ([`Syntax::message_first`]); the migration's own error when `None`.
    pub class: Option<&'a str>,
    /// Names the inserted code may bind besides `var` (fresh in the function): the v3
    /// error, the exception raised. Python binds them in the function's scope.
    pub error_var: &'a str,
    pub exc_var: &'a str,
}

/// The quote character a string key was written with (`'` or `"`).
pub fn quote_of(field: Node, src: &str) -> char {
    text(field, src)
        .chars()
        .find(|c| *c == '\'' || *c == '"')
        .unwrap_or('"')
}

pub fn insert(at: usize, content: impl Into<String>) -> Edit {
    Edit {
        range: at..at,
        content: content.into(),
    }
}

/// The operands of a left-nested concatenation chain (`a + b + c`), in order, found in a
/// loop so that a long chain costs no recursion.
pub fn concat_operands<'t>(n: Node<'t>, is_concat: impl Fn(Node) -> bool) -> Vec<Node<'t>> {
    let mut operands = Vec::new();
    let mut cur = n;
    while is_concat(cur) {
        match (cur.field("left"), cur.field("right")) {
            (Some(l), Some(r)) => {
                operands.push(r);
                cur = l;
            }
            _ => break,
        }
    }
    operands.push(cur);
    operands.reverse();
    operands
}

/// A hole for an expression whose value is not known.
pub fn opaque(n: Node) -> Hole {
    Hole {
        span: n.byte_range(),
        expr: Some(n.byte_range()),
        inside_string: false,
    }
}

/// Ranges of escape-sequence children of a node.
pub fn escape_children(node: Node) -> Vec<Range<usize>> {
    let mut c = node.walk();
    node.children(&mut c)
        .filter(|n| n.type_name() == "escape_sequence")
        .map(|n| n.byte_range())
        .collect()
}

/// The text of a node.
/// A node's type, as [`Node::kind`] gives it, without that method's UTF-8 check of the name
/// on every call (it was an eighth of the analysis of a large file; a table by type id
/// measured slower than this). Every node type of the three grammars is ASCII (a test
/// checks it), so the name needs no check.
pub trait NodeType {
    fn type_name(&self) -> &'static str;
}

/// A child by field name, as [`Node::child_by_field_name`] finds it, with the field's id
/// from a hash of each grammar's field names: tree-sitter compares the name with every
/// field name of the grammar on each call.
pub trait Field<'t> {
    fn field(&self, name: &str) -> Option<Node<'t>>;
}

impl<'t> Field<'t> for Node<'t> {
    fn field(&self, name: &str) -> Option<Node<'t>> {
        // SAFETY: reads the language pointer of a live node.
        let language = unsafe { tree_sitter::ffi::ts_node_language(self.into_raw()) } as usize;
        match FIELD_IDS.iter().find(|t| t.language == language) {
            Some(t) => self.child_by_field_id(*t.fields.get(name)?),
            None => self.child_by_field_name(name),
        }
    }
}

/// One grammar's field ids, by name.
struct FieldIds {
    language: usize,
    fields: rustc_hash::FxHashMap<String, u16>,
}

static FIELD_IDS: std::sync::LazyLock<Vec<FieldIds>> = std::sync::LazyLock::new(|| {
    Lang::ALL
        .iter()
        .map(|lang| {
            let g = lang.grammar();
            let fields = (1..=g.field_count() as u16)
                .filter_map(|id| Some((g.field_name_for_id(id)?.to_string(), id)))
                .collect();
            FieldIds {
                language: g.into_raw() as usize,
                fields,
            }
        })
        .collect()
});

impl NodeType for Node<'_> {
    fn type_name(&self) -> &'static str {
        // SAFETY: `ts_node_type` returns a NUL-terminated name from the grammar's static
        // symbol table, which lives as long as the program.
        let name =
            unsafe { std::ffi::CStr::from_ptr(tree_sitter::ffi::ts_node_type(self.into_raw())) };
        let bytes = name.to_bytes();
        debug_assert!(bytes.is_ascii());
        // SAFETY: the grammars' node type names are ASCII (`node_types_are_ascii`).
        unsafe { std::str::from_utf8_unchecked(bytes) }
    }
}

pub fn text<'s>(node: Node, src: &'s str) -> &'s str {
    &src[node.byte_range()]
}

/// Every node kind in `kinds`, depth first.
pub fn walk_kinds<'t>(root: Node<'t>, pred: &dyn Fn(Node) -> bool, out: &mut Vec<Node<'t>>) {
    let mut cursor = root.walk();
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        if pred(n) {
            out.push(n);
            continue;
        }
        for ch in n.children(&mut cursor) {
            stack.push(ch);
        }
    }
}

/// Return statements under `n` (not inside nested functions), with their values; the three
/// grammars name them `return_statement`.
pub fn collect_returns<'t>(syntax: &dyn Syntax, n: Node<'t>, out: &mut Vec<(Node<'t>, Node<'t>)>) {
    let mut c = n.walk();
    for ch in n.named_children(&mut c) {
        if syntax.is_function(ch) {
            continue;
        }
        if ch.type_name() == "return_statement" {
            if let Some(v) = ch.named_child(0).filter(|v| v.type_name() != "comment") {
                out.push((ch, v));
            }
            continue;
        }
        collect_returns(syntax, ch, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_types_are_ascii() {
        for lang in Lang::ALL {
            let g = lang.grammar();
            for id in 0..g.node_kind_count() as u16 {
                if let Some(name) = g.node_kind_for_id(id) {
                    assert!(name.is_ascii(), "{lang:?}: {name:?}");
                }
            }
        }
    }

    #[test]
    fn type_names_and_fields_are_tree_sitters() {
        let samples = [
            (
                Lang::JavaScript,
                "const a = f(`x${y}`) + [1, {b}]; if (!a) { throw new E(); } @",
            ),
            (
                Lang::Php,
                "<?php $a = ['k' => f(\"x$y\")]; class C { function m() { return 1; } } )",
            ),
            (
                Lang::Python,
                "a = f(x)[0]\nclass C:\n  def m(self): return {'k': [1]}\n)",
            ),
            (
                Lang::TypeScript,
                "const a: T<U> = f(`x${y}`)! as V; interface I { k: number } class C { p = 1 } @",
            ),
            (
                Lang::Tsx,
                "const a = <div k={f<T>(x as Y)}>t</div>; function g(p?: string) {} @",
            ),
        ];
        for (lang, text) in samples {
            let src = crate::source::Source::parse(lang, text.to_string()).unwrap();
            let mut stack = vec![src.root()];
            let mut seen = 0;
            while let Some(n) = stack.pop() {
                assert_eq!(n.type_name(), n.kind(), "{lang:?}");
                for f in [
                    "body",
                    "name",
                    "left",
                    "right",
                    "function",
                    "arguments",
                    "value",
                ] {
                    assert_eq!(n.field(f), n.child_by_field_name(f), "{lang:?} {f}");
                }
                seen += 1;
                let mut c = n.walk();
                stack.extend(n.children(&mut c));
            }
            assert!(seen > 20 && src.root().has_error(), "{lang:?}");
        }
    }

    #[test]
    fn extensions() {
        for (p, l) in [
            ("a.js", Some(Lang::JavaScript)),
            ("a.MJS", Some(Lang::JavaScript)),
            ("a.cjs", Some(Lang::JavaScript)),
            ("a.jsx", Some(Lang::JavaScript)),
            ("a.php", Some(Lang::Php)),
            ("a.phtml", Some(Lang::Php)),
            ("a.inc", Some(Lang::Php)),
            ("a.py", Some(Lang::Python)),
            ("a.pyw", Some(Lang::Python)),
            ("a.ts", Some(Lang::TypeScript)),
            ("a.d.ts", Some(Lang::TypeScript)),
            ("a.mts", Some(Lang::TypeScript)),
            ("a.cts", Some(Lang::TypeScript)),
            ("a.tsx", Some(Lang::Tsx)),
            ("a.vue", Some(Lang::Vue)),
            ("a.html", Some(Lang::Html)),
            ("a.HTM", Some(Lang::Html)),
            ("Makefile", None),
        ] {
            assert_eq!(Lang::from_path(Path::new(p)), l, "{p}");
        }
    }

    #[test]
    fn the_kinds_table_covers_every_language_once() {
        let mut seen: Vec<&str> = Vec::new();
        for kind in KINDS {
            for e in kind.extensions {
                assert_eq!(*e, e.to_ascii_lowercase(), "{e}");
                assert!(!seen.contains(e), "{e} twice");
                seen.push(e);
                let name = format!("a.{}", e.to_ascii_uppercase());
                assert_eq!(Lang::from_path(Path::new(&name)), Some(kind.lang));
            }
        }
        for lang in [
            Lang::JavaScript,
            Lang::Php,
            Lang::Python,
            Lang::TypeScript,
            Lang::Tsx,
            Lang::Html,
            Lang::Vue,
        ] {
            // Exhaustive: a new language fails to compile here until it is in the table.
            match lang {
                Lang::JavaScript
                | Lang::Php
                | Lang::Python
                | Lang::TypeScript
                | Lang::Tsx
                | Lang::Html
                | Lang::Vue => {}
            }
            assert_eq!(
                KINDS.iter().filter(|k| k.lang == lang).count(),
                1,
                "{lang:?}"
            );
        }
        assert_eq!(
            kind_list("or"),
            "JavaScript, TypeScript, PHP, Python, HTML or Vue"
        );
        assert!(extension_list().starts_with(".js .mjs .cjs .jsx, .ts .mts .cts, .tsx, "));
    }
}
