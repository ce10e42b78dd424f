;; TypeScript additions to queries/javascript/members.scm (read first).
