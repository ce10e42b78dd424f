use super::indent::indentation_errors;
use crate::lang::Lang;

fn errors(text: &str) -> usize {
    let tree = crate::source::parse(Lang::Python, text).unwrap();
    indentation_errors(tree.root_node(), text).len()
}

#[test]
fn valid_indentation_is_no_error() {
    let valid = [
        // Dedents by several levels, clauses, one-line bodies, decorators.
        "class A:\n    @staticmethod\n    def f(x):\n        if x:\n            for y in x:\n                pass\n        elif x is None: return 1\n        else:\n            return 2\n\n\ndef g(): return 3\n",
        // Comments and blank lines anywhere, continuation lines in brackets and after a backslash.
        "def f(a,\n        b):\n  # a comment\n        # another, deeper\n  x = [1,\n2]\n  y = 1 + \\\n      2\n    \n  return x, y\n",
        // A string's lines at column 0, try/except/finally, match/case, with.
        "def f(x):\n    s = \"\"\"\ntext\n  more\"\"\"\n    try:\n        pass\n    except ValueError as e:\n        pass\n    finally:\n        pass\n    match x:\n        case 1:\n            pass\n        case _:\n            pass\n    with open(s) as fh:\n        return fh\n",
        // Tabs used alike everywhere.
        "def f(x):\n\tif x:\n\t\treturn 1\n\treturn 2\n",
    ];
    for text in valid {
        assert_eq!(errors(text), 0, "{text}");
    }
}

#[test]
fn python_s_indentation_errors_are_found() {
    let invalid = [
        // unindent does not match any outer indentation level
        "def f():\n    x = 1\n  return x\n",
        // unexpected indent
        "def f():\n    x = 1\n        return x\n",
        "x = 1\n    y = 2\n",
        // inconsistent use of tabs and spaces (TabError)
        "def f(x):\n\tif x:\n        \treturn 1\n\t\treturn 2\n",
    ];
    for text in invalid {
        assert!(errors(text) > 0, "{text}");
    }
}
