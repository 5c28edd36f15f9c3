//! The README's key list is the editor's key table: one table, no drift.

#[test]
fn readme_key_list_is_generated_from_the_key_table() {
    let readme = include_str!("../README.md");
    let start = readme
        .find("<!-- keys:start -->\n")
        .expect("keys:start marker")
        + "<!-- keys:start -->\n".len();
    let end = readme.find("<!-- keys:end -->").expect("keys:end marker");
    let table = jobpost::tui::key_table_markdown();
    assert_eq!(
        readme[start..end].trim(),
        table.trim(),
        "README.md's key list differs from the key table: paste key_table_markdown() between the markers"
    );
}

#[test]
fn readme_rule_list_is_generated_from_the_rule_table() {
    let readme = include_str!("../README.md");
    let start = readme
        .find("<!-- rules:start -->\n")
        .expect("rules:start marker")
        + "<!-- rules:start -->\n".len();
    let end = readme.find("<!-- rules:end -->").expect("rules:end marker");
    let table = jobpost::review::rules::table_markdown();
    assert_eq!(
        readme[start..end].trim(),
        table.trim(),
        "README.md's rule list differs from the rule table: paste table_markdown() between the markers:\n{table}"
    );
}

#[test]
fn readme_folder_view_keys_are_generated_from_the_key_table() {
    let readme = include_str!("../README.md");
    let start = readme
        .find("<!-- list-keys:start -->\n")
        .expect("list-keys:start marker")
        + "<!-- list-keys:start -->\n".len();
    let end = readme
        .find("<!-- list-keys:end -->")
        .expect("list-keys:end marker");
    let table = jobpost::tui::list_key_table_markdown();
    assert_eq!(
        readme[start..end].trim(),
        table.trim(),
        "README.md's folder view keys differ from the key table: paste list_key_table_markdown() between the markers:\n{table}"
    );
}
