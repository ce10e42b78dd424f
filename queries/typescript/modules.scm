;; Import and export syntax (Purpose::Modules): see src/lang/module.rs.
