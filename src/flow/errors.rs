//! Where a v2 error string is copied or read: the error fields a program keeps.

use super::*;

impl<'t, 'c> Analysis<'t, 'c> {
    /// Does this function read an `error` field or test `"error"` membership anywhere?
    pub(super) fn reads_error(&self, f: Node) -> bool {
        let r = f.byte_range();
        self.ctx
            .members()
            .iter()
            .filter(|m| r.contains(&m.read.start_byte()))
            .any(|m| self.ctx.field_name(m).as_deref() == Some("error"))
            || crate::lang::find_node(f, |n| {
                self.syntax.membership_key(n, self.src).as_deref() == Some("error")
            })
            .is_some()
    }

    /// The property a read is stored into: `code` in `err.code = data.error`, in
    /// `$this->code = $data['error']`, in `FlexyError(msg, code=data["error"])`.
    pub(super) fn copied_into(&self, read: Node) -> Option<String> {
        if let Some(keyword) = self.syntax.keyword_of(read) {
            return Some(text(keyword, self.src).to_string());
        }
        let p = read.up()?;
        // `new FlexyError(data.message, data.error)`, `FlexyError(body["error"])`: the field
        // its constructor keeps it in.
        if let Some(field) = self
            .syntax
            .constructor_copy(self.ctx.source.root(), read, self.src)
        {
            return Some(field);
        }
        let (target, value) = self.syntax.binding(p, self.src)?;
        if value != read
            || self
                .syntax
                .name_key(target, self.src)
                .is_some_and(|k| !is_member_key(&k))
        {
            return None;
        }
        self.syntax.tail_name(target, self.src)
    }
}
