use super::*;

#[test]
fn line_breaks_in_attributes_are_character_references() {
    let xml = b"<a x=\"1\n2\" y='\t'>text\nmore</a>\n<b z=\"\r\"/>";
    assert_eq!(
        String::from_utf8(escape_attribute_whitespace(xml)).unwrap(),
        "<a x=\"1&#10;2\" y='&#9;'>text\nmore</a>\n<b z=\"&#13;\"/>"
    );
}
