//! The inventory as one JSON document (see [`super::Inventory`] for the fields).

use std::io::Write;

use super::{Inventory, Writer};

pub struct Json;

impl Writer for Json {
    fn write(&self, inv: &Inventory, out: &mut dyn Write) -> std::io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, inv)?;
        writeln!(out)
    }
}
