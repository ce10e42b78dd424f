"""The shop's back office: the Flexy client and the jobs that use it."""
