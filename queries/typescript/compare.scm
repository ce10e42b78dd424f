;; TypeScript additions to queries/javascript/compare.scm (read first).
