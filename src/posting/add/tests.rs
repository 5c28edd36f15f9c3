use super::*;
use crate::posting::schema::JobPosting;

const ORG: &[&str] = &["hiringOrganization", "name"];
const CITY: &[&str] = &["jobLocation", "address", "addressLocality"];
const COUNTRY: &[&str] = &["jobLocation", "address", "addressCountry"];
const DATE: &[&str] = &["datePosted"];
const TITLE: &[&str] = &["title"];
const AREA: &[&str] = &["applicantLocationRequirements", "name"];

fn add(text: &str, props: &[(&[&str], &str)]) -> String {
    Posting::parse(text)
        .add_properties(props)
        .unwrap_or_else(|e| panic!("{text:?}: {e}"))
        .text()
        .to_string()
}

/// The value at `path` in a posting's front matter.
fn value_at(p: &Posting, path: &[&str]) -> Option<Value> {
    let fm = p.front_matter()?;
    let mut v = yaml::parse(&p.text()[fm.yaml.clone()]).ok()?;
    for key in path {
        v = v.get(key)?.clone();
    }
    Some(v)
}

#[test]
fn a_posting_without_front_matter_gets_one() {
    assert_eq!(
        add("# Dev\n\nText.\n", &[(TITLE, "Dev"), (ORG, "Acme")]),
        "---\ntitle: Dev\nhiringOrganization:\n  name: Acme\n---\n# Dev\n\nText.\n"
    );
    assert_eq!(
        add("", &[(DATE, "2026-12-02")]),
        "---\ndatePosted: \"2026-12-02\"\n---\n"
    );
    // A byte order mark stays first; CRLF files get CRLF lines.
    assert_eq!(
        add("\u{feff}# A\r\n\r\nB\r\n", &[(TITLE, "A")]),
        "\u{feff}---\r\ntitle: A\r\n---\r\n# A\r\n\r\nB\r\n"
    );
}

#[test]
fn missing_keys_are_added_as_blocks_after_the_others() {
    let text = "---\ntitle: Dev # the role\nemploymentType: FULL_TIME\n---\n# Dev\n";
    assert_eq!(
        add(
            text,
            &[
                (CITY, "Leeds"),
                (COUNTRY, "GB"),
                (ORG, "O'Reilly: Media #1")
            ]
        ),
        "---\ntitle: Dev # the role\nemploymentType: FULL_TIME\njobLocation:\n  address:\n    addressLocality: Leeds\n    addressCountry: GB\nhiringOrganization:\n  name: \"O'Reilly: Media #1\"\n---\n# Dev\n"
    );
}

#[test]
fn a_parent_that_is_there_gets_the_key_at_its_own_indentation() {
    let text = "---\nhiringOrganization:\n    sameAs: https://acme.example\njobLocation:\n  address:\n    addressCountry: DE\n---\n# A\n";
    assert_eq!(
        add(text, &[(ORG, "Acme"), (CITY, "Köln")]),
        "---\nhiringOrganization:\n    sameAs: https://acme.example\n    name: Acme\njobLocation:\n  address:\n    addressCountry: DE\n    addressLocality: Köln\n---\n# A\n"
    );
    // An empty parent (`hiringOrganization:` with nothing under it) gets its first key.
    assert_eq!(
        add(
            "---\nhiringOrganization: # who\ntitle: x\n---\n",
            &[(ORG, "Acme")]
        ),
        "---\nhiringOrganization: # who\n  name: Acme\ntitle: x\n---\n"
    );
}

#[test]
fn an_empty_value_is_filled_where_it_is() {
    assert_eq!(
        add("---\ntitle: \"\"\nx: 1\n---\n", &[(TITLE, "Dev")]),
        "---\ntitle: Dev\nx: 1\n---\n"
    );
    assert_eq!(
        add("---\ntitle:   # later\n---\n", &[(TITLE, "yes")]),
        "---\ntitle: \"yes\"   # later\n---\n"
    );
    assert_eq!(
        add("---\nhiringOrganization:\n  name:\n---\n", &[(ORG, "Acme")]),
        "---\nhiringOrganization:\n  name: Acme\n---\n"
    );
}

#[test]
fn refusals_say_why_and_add_nothing() {
    let refuse = |text: &str, path: &[&str]| {
        Posting::parse(text)
            .add_properties(&[(TITLE, "ok"), (path, "Acme")])
            .unwrap_err()
    };
    let e = refuse("---\ntitle: [unclosed\n---\n", ORG);
    assert!(e.reason.contains("not valid"), "{e}");
    let e = refuse("---\nhiringOrganization: {sameAs: x}\n---\n", ORG);
    assert_eq!(e.property, "hiringOrganization.name");
    assert!(e.reason.contains("by hand"), "{e}");
    let e = refuse(
        "---\njobLocation:\n  - address:\n      addressCountry: DE\n---\n",
        CITY,
    );
    assert!(e.reason.contains("list"), "{e}");
    let e = refuse("---\nhiringOrganization:\n  name: Acme\n---\n", ORG);
    assert!(e.reason.contains("already has a value"), "{e}");
    let e = refuse("---\n- a\n- b\n---\n", ORG);
    assert!(
        e.reason.contains("not valid") || e.reason.contains("mapping"),
        "{e}"
    );
}

#[test]
fn the_fields_for_what_is_missing_complete_the_required_properties() {
    for text in [
        "# Role\n\nWe build things.\n",
        "---\ntitle: \"\"\nhiringOrganization:\n  sameAs: https://a.example\n---\n# Role\n\nText.\n",
        "---\njobLocationType: TELECOMMUTE\n---\n# Role\n\nText.\n",
    ] {
        let p = Posting::parse(text);
        let fields = fields_for(&JobPosting::read(&p).missing());
        assert!(!fields.is_empty(), "{text:?}");
        let props: Vec<(&[&str], &str)> = fields.iter().map(|f| (f.path, "2026-12-02")).collect();
        let done = p.add_properties(&props).unwrap();
        let left: Vec<_> = JobPosting::read(&done)
            .missing()
            .into_iter()
            .filter(|m| m.required)
            .map(|m| m.property)
            .collect();
        assert!(
            left.is_empty(),
            "{text:?} → {}\nstill missing {left:?}",
            done.text()
        );
    }
}

/// Front matter layouts the fields are added to (`{}` is where nothing is).
const LAYOUTS: &[&str] = &[
    "",
    "---\n---\n",
    "---\ntitle: Dev\n---\n",
    "---\r\ntitle: Dev\r\nlevel: 2\r\n---\r\n",
    "---\n# only a comment\n---\n",
    "---\ndescription: |\n  Long text.\n  More.\n---\n",
    "---\nhiringOrganization:\n  sameAs: https://a.example\n---\n",
    "---\nhiringOrganization:\n---\n",
    "---\njobLocation:\n    address:\n        postalCode: \"1234\"\ntags:\n  - a\n---\n",
    "---\ntitle: \"\"\ndatePosted:\n---\n",
    "\u{feff}---\nx: 1\n...\n",
];

const PATHS: &[&[&str]] = &[TITLE, DATE, ORG, CITY, COUNTRY, AREA];

/// Deletes the lines added, giving the text before: every original byte is kept, in order.
fn without_added(before: &str, after: &str) -> bool {
    let mut old = before.split_inclusive('\n').peekable();
    let mut rest_new = after.split_inclusive('\n');
    for line in rest_new.by_ref() {
        match old.peek() {
            Some(o) if *o == line => {
                old.next();
            }
            _ => {}
        }
    }
    old.next().is_none()
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        cases: 300,
        failure_persistence: None,
        ..Default::default()
    })]

    /// Any value (no NUL) added at any of the paths, in any layout, reads back exactly, the
    /// body is byte-identical and every original line is still there; a simple reference
    /// (parse, set the key, compare the trees) agrees.
    #[test]
    fn any_value_at_any_path_reads_back_exactly(
        layout in proptest::sample::select(LAYOUTS),
        picks in proptest::sample::subsequence(PATHS.to_vec(), 1..4),
        value in "[^\u{0}]{1,16}",
    ) {
        let body = "# Role\n\nText [Company].\n";
        let p = Posting::parse(format!("{layout}{body}"));
        let props: Vec<(&[&str], &str)> = picks.iter().map(|path| (*path, value.as_str())).collect();
        let got = match p.add_properties(&props) {
            Ok(got) => got,
            // The only refusal these layouts allow: a key that is there with a value.
            Err(e) => {
                proptest::prop_assert!(e.reason.contains("already has a value"), "{e}");
                return Ok(());
            }
        };
        let fm = got.front_matter().expect("front matter");
        proptest::prop_assert!(fm.error.is_none(), "{}", got.text());
        for path in &picks {
            proptest::prop_assert_eq!(
                value_at(&got, path),
                Some(Value::String(value.clone())),
                "{:?} in {}", path, got.text()
            );
        }
        proptest::prop_assert!(got.text().ends_with(body));
        proptest::prop_assert!(without_added(p.text(), got.text()) || layout.contains("\"\""),
            "{:?} → {:?}", p.text(), got.text());
        // The reference: the old tree with each key set.
        let old = p.front_matter().map_or(Value::Null, |f| {
            yaml::parse(&p.text()[f.yaml.clone()]).unwrap_or(Value::Null)
        });
        let mut want = old;
        for path in &picks {
            set_path(&mut want, path, &value);
        }
        let tree = yaml::parse(&got.text()[fm.yaml.clone()]).unwrap();
        proptest::prop_assert!(same(&tree, &want), "{:?} vs {:?}", tree, want);
    }
}
