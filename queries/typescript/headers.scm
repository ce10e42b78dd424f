;; TypeScript additions to queries/javascript/headers.scm (read first).
