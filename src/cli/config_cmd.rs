//! `jobpost config [--path FILE]`: the configuration in force for a posting, printed as YAML
//! with each part commented with where it came from (built-in, user, team). It works on
//! the files' YAML, not on named keys, so a key added to `ConfigFile` is printed without a
//! change here: sections that are mappings merge entry by entry (a later file's entry wins;
//! lists are added together, as `placeholders:` lists are), anything else — and the sections
//! in [`REPLACED_WHOLE`] — is replaced whole by the last file that sets it.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use super::{ConfigArgs, EXIT_OK, Failure};
use crate::config::{Config, ConfigFile, Paths};
use crate::yaml::{self, Value};

/// Sections a file replaces whole instead of merging entry by entry (as `Config::load` does).
pub const REPLACED_WHOLE: &[&str] = &["required_sections"];

/// One source of settings: the built-in defaults or a file.
struct Layer {
    /// `built-in`, `user` or `team`.
    name: &'static str,
    path: Option<PathBuf>,
    value: Value,
}

/// A section as merged: replaced whole, or entry by entry.
enum Body {
    Whole { value: Value, from: usize },
    Entries(Vec<Entry>),
}

/// One entry of a merged section and the layers it came from.
struct Entry {
    key: Value,
    value: Value,
    from: Vec<usize>,
}

/// Runs `jobpost config`.
pub fn run(args: &ConfigArgs) -> anyhow::Result<u8> {
    let folder = folder_for(args.path.as_deref())?;
    let paths = Paths::discover();
    // Every file is checked as `check` and the editor check it: one that cannot be used is
    // the same error here.
    let config = Config::load(paths.as_ref(), Some(&folder)).map_err(|e| {
        Failure::new(
            e.to_string(),
            "fix that line; `jobpost check --help` lists the rule ids",
        )
    })?;
    let layers = layers(&config, paths.as_ref())?;
    let mut out = BufWriter::new(io::stdout().lock());
    out.write_all(render(&layers, &folder).as_bytes())?;
    out.flush()?;
    Ok(EXIT_OK)
}

/// The folder whose config applies to FILE (or FILE itself when it is a folder; the current
/// folder without `--path`).
fn folder_for(path: Option<&Path>) -> Result<PathBuf, Failure> {
    let Some(path) = path else {
        return Ok(PathBuf::from("."));
    };
    let folder = if path.is_dir() {
        path.to_path_buf()
    } else {
        match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        }
    };
    if !folder.is_dir() {
        return Err(Failure::new(
            format!("{}: no such folder", folder.display()),
            "give a posting (it need not exist yet) in an existing folder, or the folder",
        ));
    }
    Ok(folder)
}

/// The built-in defaults, then each file read, in the order they apply.
fn layers(config: &Config, paths: Option<&Paths>) -> anyhow::Result<Vec<Layer>> {
    let mut out = vec![Layer {
        name: "built-in",
        path: None,
        value: yaml::to_value(&ConfigFile::builtin())?,
    }];
    let user = paths.map(Paths::config_file);
    for path in &config.sources {
        let text = std::fs::read_to_string(path)?;
        let value = if text.trim().is_empty() {
            Value::Map(Vec::new())
        } else {
            yaml::parse(&text)?
        };
        out.push(Layer {
            name: if Some(path) == user.as_ref() {
                "user"
            } else {
                "team"
            },
            path: Some(path.clone()),
            value,
        });
    }
    Ok(out)
}

fn entries(v: &Value) -> &[(Value, Value)] {
    match v {
        Value::Map(m) => m,
        _ => &[],
    }
}

/// The sections in first-seen order, merged over the layers.
fn merge(layers: &[Layer]) -> Vec<(Value, Body)> {
    let mut out: Vec<(Value, Body)> = Vec::new();
    for (i, layer) in layers.iter().enumerate() {
        for (key, value) in entries(&layer.value) {
            // A key written with nothing after it sets nothing (`Option` fields stay unset).
            if *value == Value::Null {
                continue;
            }
            let whole = !matches!(value, Value::Map(_))
                || key.as_str().is_some_and(|k| REPLACED_WHOLE.contains(&k));
            let at = out.iter().position(|(k, _)| k == key);
            match (at, whole) {
                (Some(at), false) if matches!(out[at].1, Body::Entries(_)) => {
                    if let Body::Entries(list) = &mut out[at].1 {
                        merge_entries(list, value, i);
                    }
                }
                (Some(at), _) => {
                    out[at].1 = Body::Whole {
                        value: value.clone(),
                        from: i,
                    }
                }
                (None, true) => out.push((
                    key.clone(),
                    Body::Whole {
                        value: value.clone(),
                        from: i,
                    },
                )),
                (None, false) => {
                    let mut list = Vec::new();
                    merge_entries(&mut list, value, i);
                    out.push((key.clone(), Body::Entries(list)));
                }
            }
        }
    }
    out
}

fn merge_entries(list: &mut Vec<Entry>, section: &Value, layer: usize) {
    for (key, value) in entries(section) {
        match list.iter_mut().find(|e| e.key == *key) {
            Some(e) => match (&mut e.value, value) {
                (Value::Seq(have), Value::Seq(more)) => {
                    have.extend(more.iter().cloned());
                    if !e.from.contains(&layer) {
                        e.from.push(layer);
                    }
                }
                (have, _) => {
                    *have = value.clone();
                    e.from = vec![layer];
                }
            },
            None => list.push(Entry {
                key: key.clone(),
                value: value.clone(),
                from: vec![layer],
            }),
        }
    }
}

/// One mapping entry as YAML lines.
fn entry_yaml(key: &Value, value: &Value) -> String {
    yaml::to_string(&Value::Map(vec![(key.clone(), value.clone())]))
}

/// The whole printout: a header naming the files, then each section with its sources.
fn render(layers: &[Layer], folder: &Path) -> String {
    let mut out = format!(
        "# The configuration in force for postings in {}: the built-in defaults, then each\n\
         # file below over them (a later file wins; mappings merge entry by entry).\n",
        folder.display()
    );
    for l in &layers[1..] {
        if let Some(p) = &l.path {
            out.push_str(&format!("#   {}: {}\n", l.name, p.display()));
        }
    }
    if layers.len() == 1 {
        out.push_str("#   (no user or team config file applies)\n");
    }
    let name = |i: usize| layers[i].name;
    for (key, body) in merge(layers) {
        let title = key.scalar_text().unwrap_or_default();
        out.push('\n');
        match body {
            Body::Whole { value, from } => {
                out.push_str(&format!("# {title}: {}\n", describe(layers, &[from])));
                out.push_str(&entry_yaml(&key, &value));
            }
            Body::Entries(list) => {
                let mut sources: Vec<usize> = list.iter().flat_map(|e| e.from.clone()).collect();
                sources.sort_unstable();
                sources.dedup();
                if sources.is_empty() {
                    sources.push(0);
                }
                out.push_str(&format!("# {title}: {}\n", describe(layers, &sources)));
                // Section keys are the config's own field names: plain YAML words.
                if list.is_empty() {
                    out.push_str(&format!("{title}: {{}}\n"));
                    continue;
                }
                out.push_str(&format!("{title}:\n"));
                for e in &list {
                    let text = entry_yaml(&e.key, &e.value);
                    for (n, line) in text.lines().enumerate() {
                        out.push_str("  ");
                        out.push_str(line);
                        if n == 0 && sources.len() > 1 && e.from != [0] {
                            let from: Vec<&str> = e.from.iter().map(|&i| name(i)).collect();
                            out.push_str(&format!("  # {}", from.join(", ")));
                        }
                        out.push('\n');
                    }
                }
            }
        }
    }
    out
}

/// "built-in", "team (/repo/.jobpost.yaml)", "built-in, user (...)".
fn describe(layers: &[Layer], from: &[usize]) -> String {
    from.iter()
        .map(|&i| match &layers[i].path {
            Some(p) => format!("{} ({})", layers[i].name, p.display()),
            None => layers[i].name.to_string(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::RULES;

    /// What a config does, for comparing two: every rule's level, the sections and jargon
    /// the rules read, placeholder detection and remembering answers.
    fn effect(c: &Config) -> String {
        let rules = c.rules();
        let levels: Vec<_> = RULES.iter().map(|r| rules.level(r.id)).collect();
        let sections: Vec<_> = rules
            .sections
            .iter()
            .map(|k| (&k.name, &k.phrases))
            .collect();
        let jargon: Vec<_> = rules
            .jargon
            .iter()
            .map(|j| (&j.phrase, &j.suggestion))
            .collect();
        format!(
            "{levels:?}\n{sections:?}\n{jargon:?}\n{:?}\n{}",
            c.detect, c.remember_answers
        )
    }

    #[test]
    fn the_printout_used_alone_gives_the_same_config() {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths {
            config_dir: dir.path().join("config"),
            data_dir: dir.path().join("data"),
        };
        std::fs::create_dir_all(&paths.config_dir).unwrap();
        std::fs::write(
            paths.config_file(),
            "rules:\n  length: off\n  pay-range: error\njargon:\n  synergy: working together\n\
             placeholders:\n  disable: [marker]\n  patterns: ['\\{\\{\\{\\w+\\}\\}\\}']\n",
        )
        .unwrap();
        let team = dir.path().join("repo");
        std::fs::create_dir_all(&team).unwrap();
        std::fs::write(
            team.join(crate::config::TEAM_FILE),
            "rules:\n  pay-range: warning\nrequired_sections:\n  company: [About us]\n\
             placeholders:\n  disable: [lorem]\nanswers:\n  remember: false\n",
        )
        .unwrap();
        let merged = Config::load(Some(&paths), Some(&team)).unwrap();
        let printed = render(&layers(&merged, Some(&paths)).unwrap(), &team);

        // The printout as the only config file, somewhere without a team file.
        let alone = tempfile::tempdir().unwrap();
        let alone_paths = Paths {
            config_dir: alone.path().join("config"),
            data_dir: alone.path().join("data"),
        };
        std::fs::create_dir_all(&alone_paths.config_dir).unwrap();
        std::fs::write(alone_paths.config_file(), &printed).unwrap();
        let again = Config::load(Some(&alone_paths), Some(alone.path())).unwrap();
        assert_eq!(effect(&again), effect(&merged), "{printed}");
    }
}
