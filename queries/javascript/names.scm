; Property names outside member reads: object keys, destructuring keys and shorthands.
(pair key: (property_identifier) @name)
(pair_pattern key: (property_identifier) @name)
(object_pattern (shorthand_property_identifier_pattern) @shorthand)
(object (shorthand_property_identifier) @shorthand)
