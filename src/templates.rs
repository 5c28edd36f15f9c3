//! Built-in posting templates, embedded in the binary from `assets/templates/`.

/// The Product Owner template: what `jobpost` opens with no file.
pub const PRODUCT_OWNER: &str = include_str!("../assets/templates/product-owner.md");

/// The Software Engineer template (`## H2` sections, `{{ mustache }}` fields).
pub const SOFTWARE_ENGINEER: &str = include_str!("../assets/templates/software-engineer.md");

/// A short general-purpose template (`<Angle Field>` and `{COMPANY_NAME}` fields).
pub const GENERIC: &str = include_str!("../assets/templates/generic.md");

/// The template `jobpost new` uses when none is named.
pub const DEFAULT: &str = "product-owner";

/// A template built into the binary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Builtin {
    /// The name users give to `--template` (the file stem in `assets/templates/`).
    pub name: &'static str,
    /// The template's text.
    pub text: &'static str,
}

/// Every built-in template, sorted by name.
pub fn builtin() -> &'static [Builtin] {
    const ALL: &[Builtin] = &[
        Builtin {
            name: "generic",
            text: GENERIC,
        },
        Builtin {
            name: "product-owner",
            text: PRODUCT_OWNER,
        },
        Builtin {
            name: "software-engineer",
            text: SOFTWARE_ENGINEER,
        },
    ];
    ALL
}

/// The built-in template called `name`.
pub fn find_builtin(name: &str) -> Option<&'static Builtin> {
    builtin().iter().find(|t| t.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::posting::Posting;

    #[test]
    fn every_builtin_has_a_title_a_description_and_placeholders() {
        for t in builtin() {
            let p = Posting::parse(t.text);
            let fm = p.front_matter().expect(t.name);
            assert!(fm.error.is_none(), "{}", t.name);
            assert!(fm.title.is_some(), "{}", t.name);
            assert!(fm.description.is_some(), "{}", t.name);
            assert!(!p.placeholders().is_empty(), "{}", t.name);
            assert!(!t.text.contains('\r'), "{}", t.name);
        }
        assert!(find_builtin(DEFAULT).is_some());
        assert!(builtin().windows(2).all(|w| w[0].name < w[1].name));
    }
}
