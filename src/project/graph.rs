//! The module graph of a project: which file imports which, resolved, with the reverse
//! map (a module's dependents) and the imports that leave the project.

use super::files::{FileId, FileTable};
use super::resolve::{Resolution, Resolver};
use crate::lang::module::ModuleFacts;

/// One resolved import of a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edge {
    /// The importing file.
    pub from: FileId,
    /// The index of the import in the importing file's facts.
    pub import: usize,
    pub to: Resolution,
}

/// The files' imports, resolved.
#[derive(Debug, Default)]
pub struct ModuleGraph {
    /// Per file: its imports, resolved (empty for a file whose facts were not read).
    pub edges: Vec<Vec<Edge>>,
    /// Per file: the files that import it.
    pub dependents: Vec<Vec<FileId>>,
}

impl ModuleGraph {
    /// Resolves every import of every file with facts.
    pub fn build(table: &FileTable, facts: &[Option<ModuleFacts>]) -> ModuleGraph {
        let resolver = Resolver::new(table, facts);
        let mut graph = ModuleGraph {
            edges: vec![Vec::new(); table.len()],
            dependents: vec![Vec::new(); table.len()],
        };
        for from in table.ids() {
            let Some(f) = facts.get(from.0 as usize).and_then(Option::as_ref) else {
                continue;
            };
            for (i, import) in f.imports.iter().enumerate() {
                let to = resolver.resolve(from, import);
                if let Resolution::File(target) = to {
                    let deps = &mut graph.dependents[target.0 as usize];
                    if target != from && !deps.contains(&from) {
                        deps.push(from);
                    }
                }
                graph.edges[from.0 as usize].push(Edge {
                    from,
                    import: i,
                    to,
                });
            }
        }
        graph
    }

    /// The project files `file` imports.
    pub fn imports(&self, file: FileId) -> impl Iterator<Item = FileId> + '_ {
        self.edges[file.0 as usize]
            .iter()
            .filter_map(|e| match e.to {
                Resolution::File(t) => Some(t),
                _ => None,
            })
    }

    /// The connected components of the graph (imports taken both ways): per file, the
    /// smallest id of its component.
    pub fn components(&self) -> Vec<FileId> {
        let n = self.edges.len();
        let mut parent: Vec<usize> = (0..n).collect();
        fn find(parent: &mut [usize], mut x: usize) -> usize {
            while parent[x] != x {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            x
        }
        for (from, edges) in self.edges.iter().enumerate() {
            for e in edges {
                if let Resolution::File(t) = e.to {
                    let (a, b) = (find(&mut parent, from), find(&mut parent, t.0 as usize));
                    if a != b {
                        parent[a.max(b)] = a.min(b);
                    }
                }
            }
        }
        (0..n)
            .map(|i| FileId(find(&mut parent, i) as u32))
            .collect()
    }

    /// The strongly connected components (import cycles count as one), dependencies
    /// before the files that import them: the order a link step visits files in.
    pub fn sccs(&self) -> Vec<Vec<FileId>> {
        // Tarjan's algorithm, iterative.
        let n = self.edges.len();
        let mut index = vec![usize::MAX; n];
        let mut low = vec![0; n];
        let mut on_stack = vec![false; n];
        let mut stack = Vec::new();
        let mut out = Vec::new();
        let mut next = 0;
        for start in 0..n {
            if index[start] != usize::MAX {
                continue;
            }
            let mut work: Vec<(usize, usize)> = vec![(start, 0)];
            while let Some(&mut (v, ref mut k)) = work.last_mut() {
                if *k == 0 && index[v] == usize::MAX {
                    index[v] = next;
                    low[v] = next;
                    next += 1;
                    stack.push(v);
                    on_stack[v] = true;
                }
                let targets: Vec<usize> = self
                    .imports(FileId(v as u32))
                    .map(|t| t.0 as usize)
                    .collect();
                if let Some(&w) = targets.get(*k) {
                    *k += 1;
                    if index[w] == usize::MAX {
                        work.push((w, 0));
                    } else if on_stack[w] {
                        low[v] = low[v].min(index[w]);
                    }
                    continue;
                }
                work.pop();
                if let Some(&(u, _)) = work.last() {
                    low[u] = low[u].min(low[v]);
                }
                if low[v] == index[v] {
                    let mut scc = Vec::new();
                    while let Some(w) = stack.pop() {
                        on_stack[w] = false;
                        scc.push(FileId(w as u32));
                        if w == v {
                            break;
                        }
                    }
                    scc.sort();
                    out.push(scc);
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(edges: &[(u32, u32)], n: usize) -> ModuleGraph {
        let mut g = ModuleGraph {
            edges: vec![Vec::new(); n],
            dependents: vec![Vec::new(); n],
        };
        for &(a, b) in edges {
            g.edges[a as usize].push(Edge {
                from: FileId(a),
                import: 0,
                to: Resolution::File(FileId(b)),
            });
            g.dependents[b as usize].push(FileId(a));
        }
        g
    }

    #[test]
    fn dependencies_come_before_their_importers_and_cycles_are_one() {
        // 0 imports 1, 1 imports 2, 2 imports 1; 3 alone.
        let g = graph(&[(0, 1), (1, 2), (2, 1)], 4);
        let sccs = g.sccs();
        let pos = |f: u32| sccs.iter().position(|s| s.contains(&FileId(f))).unwrap();
        assert_eq!(sccs[pos(1)], vec![FileId(1), FileId(2)]);
        assert!(pos(1) < pos(0));
        assert_eq!(sccs.len(), 3);
        let c = g.components();
        assert_eq!(
            (c[0], c[1], c[2], c[3]),
            (FileId(0), FileId(0), FileId(0), FileId(3))
        );
    }
}
