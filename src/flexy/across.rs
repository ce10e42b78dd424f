//! What the files of one run tell each other about Flexy bodies that cross them: owned
//! facts (no tree), computed per file by the data flow and combined by the run.
//!
//! A client module (`lib/flexy.js`) returns the body of a Flexy request from its functions
//! ([`Exported`]); the files that call them (`report.js`) are checked knowing it
//! ([`Imported`]), and say how they use what they get ([`CallerUse`]); the client module is
//! then checked again knowing what all its callers do ([`Callers`]): one decision per
//! function, for every file.

use crate::api::{Endpoint, Form};

/// A function or method of a file that returns the body of a Flexy request to callers in
/// other files.
#[derive(Clone, Debug)]
pub struct Exported {
    pub name: String,
    /// A method (called on an object), where a function is called bare.
    pub method: bool,
    /// The endpoint whose body it returns: `None` when its callers give the path.
    pub endpoint: Option<&'static Endpoint>,
    /// Its callers give the path (or URL) of the request: `request("/v2/account/balance")`.
    pub takes_path: bool,
    /// How its callers write a version-less path (`/account/balance`) when it appends the
    /// path to a v2 base of its file.
    pub path_form: Option<Form>,
    /// What its callers get once it is migrated: the v3 `data` itself (the function unwraps
    /// it and raises the v3 error), else the whole v3 response.
    pub unwrapped: bool,
    /// PHP `json_decode` without `assoc`: objects, read with `->`.
    pub objects: bool,
    /// Not a function: a client object the module exports, configured with its v2 base
    /// (`export default axios.create({ baseURL })`). Its request methods (`get`, `post`...)
    /// take the path and give the raw response (`res.data` is the body).
    pub client: bool,
    /// The properties its module copies the v2 error into (`code` of `throw new
    /// FlexyError(body.message, body.error)`): a caller comparing `err.code` with a v2
    /// error string compares the error its calls raise.
    pub raises: Vec<String>,
}

/// The same function giving its callers the same (the endpoint, a static row, compared by
/// identity).
impl PartialEq for Exported {
    fn eq(&self, other: &Exported) -> bool {
        self.name == other.name
            && self.method == other.method
            && self.endpoint.map(std::ptr::from_ref) == other.endpoint.map(std::ptr::from_ref)
            && self.takes_path == other.takes_path
            && self.path_form == other.path_form
            && self.unwrapped == other.unwrapped
            && self.objects == other.objects
            && self.client == other.client
            && self.raises == other.raises
    }
}

/// The request methods of an exported client object.
pub const CLIENT_METHODS: &[&str] = &["get", "post", "put", "patch", "delete", "head", "request"];

/// The name an exported client has when it is the module's default export.
pub const DEFAULT_EXPORT: &str = "default";

/// A function of another file of the run, returning a Flexy body, that this file may call.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    /// Shared by every file that may call it: a module's functions are handed to each of
    /// its callers, a thousand of them in a large project.
    pub export: std::sync::Arc<Exported>,
    /// The names this file binds it to by an import (`getBalance` in
    /// `const { getBalance } = require("./flexy")`, `gb` in `import { getBalance as gb }`).
    pub locals: Vec<String>,
    /// The names this file binds the whole module to (`flexy` in `import * as flexy`,
    /// `const flexy = require("./flexy")`, `import flexy`): `flexy.getBalance()` calls it.
    pub modules: Vec<String>,
    /// Called by its own name with no import binding it: a PHP function of an included
    /// file, a method of a class whose objects this file uses.
    pub by_name: bool,
}

impl Imported {
    /// Whether a call named `name`, on the object written `receiver` (none for a bare
    /// call), is a call of this function.
    pub fn is_called_by(&self, name: &str, receiver: Option<&str>) -> bool {
        let e = &self.export;
        if e.client {
            // `api.get(path)`, `flexy.api.get(path)`.
            let Some(r) = receiver else { return false };
            return CLIENT_METHODS.contains(&name)
                && (self.locals.iter().any(|l| l == r)
                    || self.modules.iter().any(|m| {
                        r.strip_prefix(m.as_str()).and_then(|t| t.strip_prefix('.'))
                            == Some(&e.name)
                    }));
        }
        match receiver {
            None => {
                !e.method
                    && (self.locals.iter().any(|l| l == name) || (self.by_name && name == e.name))
            }
            Some(r) => {
                name == e.name
                    && ((!e.method && self.modules.iter().any(|m| m == r))
                        || (e.method && self.by_name))
            }
        }
    }
}

/// How one file uses what the calls of one [`Imported`] function give.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CallerUse {
    /// The function called, as it is named where it is declared.
    pub name: String,
    /// Calls followed.
    pub calls: usize,
    /// A caller reads the v2 error (`r.error`, `r.message`): the function must keep
    /// returning the whole response, and the callers' reads move.
    pub reads_errors: bool,
    /// A body escapes the analysis here (passed to a function, stored, returned further),
    /// or the name is used other than by a call followed (passed as a callback, read as a
    /// property): its callers are not all known, and the function is held on v2.
    pub held: bool,
}

/// What the callers in other files do with one function's bodies, gathered from every
/// file of the run that names it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Callers {
    pub name: String,
    /// Calls followed in other files.
    pub calls: usize,
    pub reads_errors: bool,
    pub held: bool,
    /// The first file where it is held (for the message).
    pub held_in: Option<String>,
    /// That file writes v2 error strings that v3 renames other than compared with an
    /// error it proves Flexy's (it does not call this file, or compares what it cannot
    /// tie to a call), which the errors this file raises may carry there.
    pub compares_errors: bool,
}

/// What checking one file says to the others: its functions' bodies, its uses of theirs.
#[derive(Clone, Debug, Default)]
pub struct Said {
    pub exported: Vec<Exported>,
    pub uses: Vec<CallerUse>,
    /// The names its v2 bases are bound to (`BASE`, `FLEXY_URL`).
    pub bases: Vec<String>,
    /// Its v2 bases whose paths are appended elsewhere only: what other files may be
    /// given ([`Env::given`]).
    pub shared: Vec<SharedBase>,
    /// How it uses the bases of other files it was given.
    pub given: Option<GivenUse>,
    /// The strings of v2 error codes that v3 renames it writes other than compared with an
    /// error the data flow proves Flexy's: errors raised elsewhere may reach them.
    pub unproven_errors: usize,
    /// The bases it hands to code of other files of the run (held until that code is
    /// checked with them: [`Env::handed_followed`]).
    pub handed: Vec<Handed>,
    /// A versioned base of it may be handed to code its imports bind (checked before the
    /// run resolves them: `Facts::hands_on`).
    pub hands_on: bool,
}

/// A versioned v2 base a file binds to a name and appends no path to itself, for other
/// files of the run that import its module and name it: `FLEXY_BASE_URL` of a settings
/// module, `baseUrl` of a config object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SharedBase {
    pub name: String,
    /// How its paths are written: with a leading slash, or without one after `/v2/`.
    pub form: Form,
    /// The keys leading to it in the array its file returns, dotted (`flexy.url` of
    /// `return ['flexy' => ['url' => ...]]`): a config file read by a dotted path.
    pub returned: Option<String>,
}

/// A versioned v2 base a file hands to code of another file of the run it imports (`new
/// FlexyClient({ baseUrl: BASE })`, `FlexyClient(base_url=BASE)`, `new FlexyClient(BASE)`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Handed {
    /// The class or function called, as the importing file names it.
    pub callee: String,
    pub key: HandedKey,
    /// How its paths are written.
    pub form: Form,
    /// The calls of the callee it is handed at, in the file.
    pub sites: usize,
}

/// How the base reaches the code it is handed to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HandedKey {
    /// Under a key: an option object's entry, a keyword argument (`baseUrl`, `base_url`).
    Key(String),
    /// As the argument at this position: the callee's parameter there names it.
    Position(usize),
}

/// How a file uses the bases other files share with it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GivenUse {
    /// Version-less paths tied to them.
    pub paths: usize,
    /// Reads of them by key (`process.env.KEY`, `os.getenv("KEY")`, `config.KEY`): a file
    /// that only mentions a settings file's key (in a comment) does not read it.
    pub reads: usize,
    /// A path appended to one matches no v2 endpoint, or one is written where its
    /// endpoint is chosen at run time: the bases stay on v2.
    pub held: bool,
}

/// The cross-file facts a file is checked with.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Env {
    /// The Flexy functions of other files this file may call.
    pub imported: Vec<Imported>,
    /// What callers in other files do with this file's functions. `None` while they are
    /// not known (a first pass, or code outside the run may call them).
    pub callers: Option<Vec<Callers>>,
    /// Another file of the run names one of this file's v2 bases: it may append its own
    /// paths to it.
    pub bases_elsewhere: bool,
    /// The files naming this file's bases were checked for them (`run::bases`):
    /// `bases_elsewhere` is their verdict.
    pub bases_shared: bool,
    /// The v2 bases of other files of the run this file imports and names: its own
    /// version-less paths are appended to them.
    pub given: Vec<SharedBase>,
    /// The names this file's imports bind to other files of the run (`FlexyClient` of
    /// `require("./flexy")`): code the run sees, so a base handed to it is not moved alone.
    pub project_names: Vec<String>,
    /// The bases other files hand to this file's classes and functions: its code appends
    /// its paths to them under the names it gives them (`this.baseUrl`).
    pub handed_in: Vec<Handed>,
    /// The code this file hands its bases to was checked with them and ties every path to
    /// them: the bases move with it.
    pub handed_followed: bool,
}

impl Env {
    /// The callers elsewhere of function `name`: `None` when not known, a default (no
    /// caller) when none calls it.
    pub fn callers_of(&self, name: &str) -> Option<Callers> {
        let all = self.callers.as_ref()?;
        Some(
            all.iter()
                .find(|c| c.name == name)
                .cloned()
                .unwrap_or(Callers {
                    name: name.to_string(),
                    ..Callers::default()
                }),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn export(name: &str, method: bool, client: bool) -> Exported {
        Exported {
            name: name.to_string(),
            method,
            endpoint: None,
            takes_path: client,
            path_form: None,
            unwrapped: false,
            objects: false,
            client,
            raises: Vec::new(),
        }
    }

    fn imported(e: Exported, locals: &[&str], modules: &[&str], by_name: bool) -> Imported {
        Imported {
            export: std::sync::Arc::new(e),
            locals: locals.iter().map(|s| s.to_string()).collect(),
            modules: modules.iter().map(|s| s.to_string()).collect(),
            by_name,
        }
    }

    #[test]
    fn a_function_is_called_by_its_local_name_or_on_its_module() {
        let f = imported(
            export("getBalance", false, false),
            &["gb"],
            &["flexy"],
            false,
        );
        assert!(f.is_called_by("gb", None));
        assert!(f.is_called_by("getBalance", Some("flexy")));
        // Not by its own name without an import binding it, nor on another object.
        assert!(!f.is_called_by("getBalance", None));
        assert!(!f.is_called_by("getBalance", Some("other")));
        // A PHP function of an included file is called by its own name.
        let php = imported(export("flexy_get", false, false), &[], &[], true);
        assert!(php.is_called_by("flexy_get", None));
    }

    #[test]
    fn a_method_is_called_by_name_on_any_object() {
        let m = imported(export("balance", true, false), &[], &[], true);
        assert!(m.is_called_by("balance", Some("$this->flexy")));
        assert!(m.is_called_by("balance", Some("client")));
        assert!(!m.is_called_by("balance", None));
    }

    #[test]
    fn a_client_is_called_through_its_request_methods() {
        let c = imported(
            export(DEFAULT_EXPORT, false, true),
            &["api"],
            &["services"],
            false,
        );
        assert!(c.is_called_by("get", Some("api")));
        assert!(c.is_called_by("post", Some("api")));
        assert!(!c.is_called_by("interceptors", Some("api")));
        assert!(!c.is_called_by("get", Some("cache")));
        assert!(!c.is_called_by("get", None));
        let named = imported(export("api", false, true), &[], &["flexy"], false);
        assert!(named.is_called_by("get", Some("flexy.api")));
    }

    #[test]
    fn callers_not_known_are_none_and_a_function_nobody_calls_has_a_default() {
        let mut env = Env::default();
        assert_eq!(env.callers_of("getBalance"), None);
        env.callers = Some(vec![Callers {
            name: "getBalance".into(),
            calls: 2,
            reads_errors: true,
            ..Callers::default()
        }]);
        assert_eq!(env.callers_of("getBalance").map(|c| c.calls), Some(2));
        assert_eq!(
            env.callers_of("listTopups"),
            Some(Callers {
                name: "listTopups".into(),
                ..Callers::default()
            })
        );
    }
}
