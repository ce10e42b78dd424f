//! Everything the rules read about one file: the Flexy facts of its URLs
//! ([`crate::flexy`]), the flow of its response bodies ([`crate::flow`]), computed once on
//! first use, and the provenance of its headers and error reads, which needs both.

mod provenance;
#[cfg(test)]
mod tests;

use std::ops::{Deref, DerefMut};
use std::sync::OnceLock;

use crate::flexy::Facts;
use crate::flow::{Flow, Origin};
use crate::source::Source;

pub use provenance::ErrorSource;

/// One file as the rules see it: its [`Facts`] (reached through `Deref`) and its [`Flow`].
pub struct Ctx<'s> {
    facts: Facts<'s>,
    flow: OnceLock<Flow<'s>>,
    v3_flow: OnceLock<Flow<'s>>,
    packages: OnceLock<Vec<String>>,
}

impl<'s> Ctx<'s> {
    pub fn new(source: &'s Source, extra_hosts: &'s [String]) -> Ctx<'s> {
        Ctx::new_in(source, extra_hosts, false, false, Default::default())
    }

    /// [`Ctx::new`] for a file that imports a Flexy client module of the run (see
    /// [`Facts::imports_flexy`]), or that other files import (`callers_elsewhere`).
    pub fn new_in(
        source: &'s Source,
        extra_hosts: &'s [String],
        imports_flexy: bool,
        callers_elsewhere: bool,
        across: crate::flexy::across::Env,
    ) -> Ctx<'s> {
        Ctx {
            facts: Facts::new_in(
                source,
                extra_hosts,
                imports_flexy,
                callers_elsewhere,
                across,
            ),
            flow: OnceLock::new(),
            v3_flow: OnceLock::new(),
            packages: OnceLock::new(),
        }
    }

    /// The response bodies of the file's v2 requests, followed to their reads (computed
    /// once, on first use).
    pub fn flow(&self) -> &Flow<'s> {
        self.flow.get_or_init(|| Flow::new(&self.facts))
    }

    /// The response bodies of the file's v3 requests, followed to their reads (computed
    /// once, on first use): the code already on v3 that reads them the v2 way.
    pub fn v3_flow(&self) -> &Flow<'s> {
        self.v3_flow.get_or_init(|| Flow::v3(&self.facts))
    }

    /// The names the file binds to an installed package itself (`import requests`,
    /// `import axios from "axios"`, `const got = require("got")`): a module, no client
    /// configured in the program (computed once, on first use).
    pub fn package_modules(&self) -> &[String] {
        use crate::lang::module::{Imported, Specifier};
        self.packages.get_or_init(|| {
            let facts = self.facts.module_facts();
            let mut names = Vec::new();
            for i in &facts.imports {
                let package = match &i.specifier {
                    Specifier::Path(p) => {
                        !p.starts_with(['.', '/', '@', '~'])
                            || (p.starts_with('@') && !p.starts_with("@/"))
                    }
                    Specifier::Dotted { level, .. } => *level == 0,
                    _ => false,
                };
                if !package {
                    continue;
                }
                names.extend(
                    i.bindings
                        .iter()
                        .filter(|b| matches!(b.imported, Imported::Module | Imported::Default))
                        .filter_map(|b| b.local.clone()),
                );
            }
            names
        })
    }

    /// Both flows: the v2 bodies, which move with their URLs, and the v3 ones.
    pub fn flows(&self) -> [&Flow<'s>; 2] {
        [self.flow(), self.v3_flow()]
    }

    /// The flow a body origin is followed in.
    pub fn flow_of(&self, origin: Origin) -> &Flow<'s> {
        if origin.is_v3() {
            self.v3_flow()
        } else {
            self.flow()
        }
    }

    /// The origin of a body read, in either flow.
    pub fn read_origin(&self, read: tree_sitter::Node) -> Option<Origin> {
        self.flows().into_iter().find_map(|f| f.read_origin(read))
    }
}

impl<'s> Deref for Ctx<'s> {
    type Target = Facts<'s>;

    fn deref(&self) -> &Facts<'s> {
        &self.facts
    }
}

impl<'s> DerefMut for Ctx<'s> {
    fn deref_mut(&mut self) -> &mut Facts<'s> {
        &mut self.facts
    }
}
