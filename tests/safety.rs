//! Saves under faults, changes on disk, recovery files and hostile input, driven through the
//! App as the event loop drives it (saves really write). Faults that need root's help (a
//! read-only mount, a full tmpfs, an immutable file, another user's file) are `#[ignore]`d:
//! `cargo test --test safety -- --ignored` runs them as root (CI does).

mod common;
use common::drive;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use jobpost::posting::Posting;
use jobpost::recovery;
use jobpost::tui::app::{App, GuardDialog, Pending, Theme};
use jobpost::tui::{Launch, ui::controls};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

// ---- helpers ----

/// A posting file in a fresh folder, opened; recovery files go to `<tmp>/recovery`.
struct Fixture {
    dir: tempfile::TempDir,
    path: PathBuf,
    app: App,
}

impl Fixture {
    fn open(text: &str) -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("postings");
        fs::create_dir(&folder).unwrap();
        Fixture::open_in(dir, &folder.join("posting.md"), text)
    }

    fn open_in(dir: tempfile::TempDir, path: &Path, text: &str) -> Fixture {
        fs::write(path, text).unwrap();
        let posting = jobpost::store::load(path).unwrap();
        let mut app = App::with_theme(
            Launch {
                path: Some(path.to_path_buf()),
                posting,
            },
            Theme { color: false },
        );
        app.set_recovery_dir(Some(dir.path().join("recovery")));
        Fixture {
            path: path.to_path_buf(),
            dir,
            app,
        }
    }

    fn recovery_dir(&self) -> PathBuf {
        self.dir.path().join("recovery")
    }

    fn status(&self) -> String {
        self.app
            .message()
            .map(|m| m.text.clone())
            .unwrap_or_default()
    }
}

fn screen(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| jobpost::tui::ui::draw(app, f)).unwrap();
    t.backend().to_string()
}

const DOC: &str =
    "---\ntitle: Dev\n---\n\n## About\n\n[Company] builds things.\n\n## Pay\n\nUp to [Salary].\n";

/// Runs a command as root would; a test that needs it fails saying why when it cannot run.
#[track_caller]
fn run_root(cmd: &str, args: &[&str]) {
    match Command::new(cmd).args(args).output() {
        Ok(o) if o.status.success() => {}
        Ok(o) => panic!(
            "`{cmd} {}` not allowed here (this test needs root): {}",
            args.join(" "),
            String::from_utf8_lossy(&o.stderr).trim()
        ),
        Err(e) => panic!("`{cmd}` cannot run here (this test needs it, as root): {e}"),
    }
}

/// Unmounts on drop, so a failing test leaves no mount behind.
struct Mount(PathBuf);

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// Asserts the save failed with `why` in the status line, every edit is kept in memory and
/// the file is exactly as it was.
#[track_caller]
fn assert_failed_save(f: &Fixture, why: &str, before: &[u8], edited: &str) {
    let status = f.status();
    assert!(status.starts_with("Not saved:"), "{status}");
    assert!(status.contains(why), "{status}");
    assert!(f.app.modified());
    assert_eq!(f.app.posting().text(), edited);
    assert_eq!(fs::read(&f.path).unwrap(), before);
    let leftovers: Vec<_> = fs::read_dir(f.path.parent().unwrap())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

// ---- save faults ----

#[test]
fn save_fault_folder_removed_while_open_keeps_edits_and_retries() {
    let mut f = Fixture::open(DOC);
    drive(&mut f.app, "<C-n>Acme");
    let edited = DOC.replace("[Company]", "Acme");
    fs::remove_dir_all(f.path.parent().unwrap()).unwrap();
    drive(&mut f.app, "<C-s>");
    assert!(matches!(
        f.app.guard_dialog(),
        Some(GuardDialog::ChangedOnDisk { deleted: true, .. })
    ));
    assert!(screen(&f.app, 80, 24).contains("was deleted"));
    drive(&mut f.app, "o");
    assert!(
        f.status().contains("No such file or directory"),
        "{}",
        f.status()
    );
    assert!(f.app.modified());
    assert_eq!(f.app.posting().text(), edited);
    assert!(!f.path.parent().unwrap().exists());
    // The folder is back: the next Ctrl-S retries and works.
    fs::create_dir(f.path.parent().unwrap()).unwrap();
    drive(&mut f.app, "<C-s>o");
    assert_eq!(fs::read_to_string(&f.path).unwrap(), edited);
    assert!(!f.app.modified());
}

#[test]
fn save_fault_parent_is_a_file_not_a_folder() {
    let mut f = Fixture::open(DOC);
    let blocker = f.dir.path().join("blocker");
    fs::write(&blocker, "a file").unwrap();
    drive(&mut f.app, "<C-n>Acme");
    common::save_as(&mut f.app, &blocker.join("posting.md"));
    let status = f.status();
    assert!(
        status.starts_with("Not saved:") && status.contains("Not a directory"),
        "{status}"
    );
    assert_eq!(fs::read_to_string(&blocker).unwrap(), "a file");
    assert_eq!(fs::read_to_string(&f.path).unwrap(), DOC);
    assert!(f.app.modified());
    // The whole reason and hint read on screen at 80 columns (over the key-hint line).
    for (w, h) in [(80, 24)] {
        let shown: String = screen(&f.app, w, h)
            .lines()
            .map(|l| l.trim_matches('"').trim_end())
            .collect::<Vec<_>>()
            .join(" ");
        for word in status.split_whitespace() {
            assert!(
                shown.contains(word),
                "{word:?} not on the {w}x{h} screen:\n{shown}"
            );
        }
    }
}

#[test]
#[ignore = "needs root: a read-only bind mount (root is not stopped by chmod)"]
fn save_fault_read_only_folder_keeps_edits_and_retries() {
    let mut f = Fixture::open(DOC);
    let folder = f.path.parent().unwrap().to_path_buf();
    let folder_s = folder.to_str().unwrap();
    run_root("mount", &["--bind", folder_s, folder_s]);
    let mount = Mount(folder.clone());
    run_root("mount", &["-o", "remount,ro,bind", folder_s]);
    drive(&mut f.app, "<C-n>Acme<C-s>");
    let edited = DOC.replace("[Company]", "Acme");
    // store::save asks access(2) first: a read-only mount is read-only for root too.
    assert_failed_save(&f, "is read-only", DOC.as_bytes(), &edited);
    drop(mount);
    drive(&mut f.app, "<C-s>");
    assert_eq!(fs::read_to_string(&f.path).unwrap(), edited);
    assert_eq!(f.status(), "Saved posting.md");
}

#[test]
#[ignore = "needs root: chattr +i"]
fn save_fault_immutable_file_keeps_edits() {
    let mut f = Fixture::open(DOC);
    let p = f.path.to_str().unwrap().to_string();
    run_root("chattr", &["+i", &p]);
    drive(&mut f.app, "<C-n>Acme<C-s>");
    let edited = DOC.replace("[Company]", "Acme");
    // An immutable file is read-only for root too (store::save asks access(2) first).
    let status = f.status();
    run_root("chattr", &["-i", &p]);
    assert!(status.starts_with("Not saved:"), "{status}");
    assert!(status.contains("is read-only"), "{status}");
    assert_eq!(fs::read_to_string(&f.path).unwrap(), DOC);
    assert_eq!(f.app.posting().text(), edited);
    drive(&mut f.app, "<C-s>");
    assert_eq!(fs::read_to_string(&f.path).unwrap(), edited);
}

#[test]
#[ignore = "needs root: mounts a small tmpfs"]
fn save_fault_full_disk_keeps_the_file_and_the_edits() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("small");
    fs::create_dir(&folder).unwrap();
    let folder_s = folder.to_str().unwrap();
    run_root(
        "mount",
        &["-t", "tmpfs", "-o", "size=64k", "tmpfs", folder_s],
    );
    let mount = Mount(folder.clone());
    let before = format!("{DOC}{}", "padding line\n".repeat(1500));
    let mut f = Fixture::open_in(dir, &folder.join("posting.md"), &before);
    // Fill the rest of the disk.
    let filler = folder.join("filler");
    let mut chunk = 16 * 1024;
    let mut out = fs::File::create(&filler).unwrap();
    while chunk > 0 {
        use std::io::Write;
        if out
            .write_all(&vec![b'x'; chunk])
            .and_then(|()| out.sync_all())
            .is_err()
        {
            chunk /= 2;
        }
    }
    drop(out);
    drive(&mut f.app, "<C-n>Acme<C-s>");
    let edited = before.replace("[Company]", "Acme");
    assert_failed_save(&f, "No space left on device", before.as_bytes(), &edited);
    // Room again: the next Ctrl-S works.
    fs::remove_file(&filler).unwrap();
    drive(&mut f.app, "<C-s>");
    assert_eq!(fs::read_to_string(&f.path).unwrap(), edited);
    drop(f);
    drop(mount);
}

// ---- changed on disk ----

fn change_on_disk(path: &Path, text: &str) {
    fs::write(path, text).unwrap();
}

#[test]
fn changed_on_disk_esc_cancels_and_keeps_both_texts() {
    let mut f = Fixture::open(DOC);
    drive(&mut f.app, "<C-n>Acme");
    change_on_disk(&f.path, "theirs\n");
    drive(&mut f.app, "<C-s>");
    assert!(matches!(
        f.app.guard_dialog(),
        Some(GuardDialog::ChangedOnDisk { deleted: false, .. })
    ));
    insta::assert_snapshot!(screen(&f.app, 80, 24));
    drive(&mut f.app, "<Esc>");
    assert!(f.app.guard_dialog().is_none());
    assert_eq!(f.status(), "Not saved; your edits are kept");
    assert_eq!(fs::read_to_string(&f.path).unwrap(), "theirs\n");
    assert!(f.app.posting().text().contains("Acme builds"));
}

#[test]
fn changed_on_disk_o_overwrites_and_then_saves_without_asking() {
    let mut f = Fixture::open(DOC);
    drive(&mut f.app, "<C-n>Acme");
    change_on_disk(&f.path, "theirs\n");
    drive(&mut f.app, "<C-s>o");
    let mine = DOC.replace("[Company]", "Acme");
    assert_eq!(fs::read_to_string(&f.path).unwrap(), mine);
    drive(&mut f.app, "<C-n>Big<C-s>");
    assert!(f.app.guard_dialog().is_none());
    assert_eq!(
        fs::read_to_string(&f.path).unwrap(),
        mine.replace("[Salary]", "Big")
    );
}

#[test]
fn changed_on_disk_r_reloads_only_after_a_second_yes() {
    let mut f = Fixture::open(DOC);
    drive(&mut f.app, "<C-n>Acme");
    change_on_disk(&f.path, "# Theirs\n\n[Other]\n");
    drive(&mut f.app, "<C-s>r");
    assert!(matches!(
        f.app.guard_dialog(),
        Some(GuardDialog::ConfirmReload { .. })
    ));
    assert!(screen(&f.app, 80, 24).contains("Throw away every unsaved edit"));
    drive(&mut f.app, "n");
    assert!(f.app.posting().text().contains("Acme builds"));
    drive(&mut f.app, "<C-s>ry");
    assert_eq!(f.app.posting().text(), "# Theirs\n\n[Other]\n");
    assert!(!f.app.modified());
    assert_eq!(
        fs::read_to_string(&f.path).unwrap(),
        "# Theirs\n\n[Other]\n"
    );
    // The reloaded text is what is known now: the next save does not ask.
    drive(&mut f.app, "<C-n>Mine<C-s>");
    assert!(f.app.guard_dialog().is_none());
    assert_eq!(fs::read_to_string(&f.path).unwrap(), "# Theirs\n\nMine\n");
}

#[test]
fn touching_a_file_without_changing_it_is_not_a_change() {
    let mut f = Fixture::open(DOC);
    drive(&mut f.app, "<C-n>Acme");
    std::thread::sleep(Duration::from_millis(20));
    change_on_disk(&f.path, DOC);
    drive(&mut f.app, "<C-s>");
    assert!(f.app.guard_dialog().is_none());
    assert_eq!(
        fs::read_to_string(&f.path).unwrap(),
        DOC.replace("[Company]", "Acme")
    );
}

#[test]
fn a_file_created_by_someone_else_before_the_first_save_is_not_overwritten_silently() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.md");
    let mut app = App::with_theme(
        Launch {
            path: Some(path.clone()),
            posting: Posting::parse(""),
        },
        Theme { color: false },
    );
    app.set_recovery_dir(None);
    drive(&mut app, "mine");
    fs::write(&path, "theirs").unwrap();
    drive(&mut app, "<C-s>");
    assert!(app.guard_dialog().is_some());
    drive(&mut app, "<Esc>");
    assert_eq!(fs::read_to_string(&path).unwrap(), "theirs");
}

// ---- recovery files ----

#[test]
fn idle_write_then_save_removes_the_recovery_file() {
    let mut f = Fixture::open(DOC);
    let t0 = Instant::now();
    assert_eq!(f.app.recovery_due_in(t0), None);
    drive(&mut f.app, "<C-n>Acme");
    f.app.touched(t0);
    assert_eq!(
        f.app.recovery_due_in(t0 + Duration::from_millis(500)),
        Some(Duration::from_millis(1500))
    );
    assert_eq!(
        f.app.recovery_due_in(t0 + Duration::from_secs(3)),
        Some(Duration::ZERO)
    );
    let file = jobpost::tui::runtime::write_recovery(&mut f.app)
        .unwrap()
        .unwrap();
    assert!(file.starts_with(f.recovery_dir()));
    let rec = recovery::read(&file).unwrap();
    assert_eq!(rec.text, DOC.replace("[Company]", "Acme"));
    assert_eq!(
        rec.header.path,
        Some(recovery::absolute(&f.path)),
        "the header names the posting"
    );
    assert_eq!(f.app.recovery_due_in(Instant::now()), None);
    drive(&mut f.app, "<C-s>");
    assert!(!file.exists(), "the save removes the recovery file");
}

#[test]
fn quit_and_discard_removes_the_recovery_file() {
    let mut f = Fixture::open(DOC);
    drive(&mut f.app, "<C-n>Acme");
    let file = jobpost::tui::runtime::write_recovery(&mut f.app)
        .unwrap()
        .unwrap();
    assert!(file.exists());
    assert!(drive(&mut f.app, "<C-q>d").quit);
    assert!(!file.exists());
    assert_eq!(fs::read_to_string(&f.path).unwrap(), DOC);
}

#[test]
fn undoing_back_to_the_saved_text_removes_the_recovery_file() {
    let mut f = Fixture::open(DOC);
    drive(&mut f.app, "x");
    let file = jobpost::tui::runtime::write_recovery(&mut f.app)
        .unwrap()
        .unwrap();
    drive(&mut f.app, "<C-z>");
    assert!(!f.app.modified());
    assert_eq!(
        jobpost::tui::runtime::write_recovery(&mut f.app).unwrap(),
        None
    );
    assert!(!file.exists());
}

#[test]
fn a_new_posting_gets_an_untitled_recovery_file_until_saved() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::with_theme(
        Launch {
            path: None,
            posting: Posting::parse(jobpost::templates::PRODUCT_OWNER),
        },
        Theme { color: false },
    );
    app.set_recovery_dir(Some(dir.path().join("recovery")));
    drive(&mut app, "<C-n>Acme");
    let file = jobpost::tui::runtime::write_recovery(&mut app)
        .unwrap()
        .unwrap();
    assert_eq!(
        file.file_name().unwrap().to_string_lossy(),
        format!("untitled-{}.md", std::process::id())
    );
    assert_eq!(recovery::read(&file).unwrap().header.path, None);
    let target = dir.path().join("po.md");
    common::save_as(&mut app, &target);
    assert!(!file.exists());
    assert!(target.exists());
}

/// A posting, its recovery file with other text, and an App offered it.
fn offered() -> (Fixture, PathBuf) {
    let mut f = Fixture::open(DOC);
    let file = recovery::file_for(&f.recovery_dir(), Some(&f.path));
    let recovered = DOC.replace("[Company]", "Recovered Co");
    recovery::write(&file, Some(&f.path), &recovered).unwrap();
    let pending = recovery::pending_for(&f.recovery_dir(), &f.path).expect("offered");
    f.app.pending_recovery(Pending::Offer(pending));
    (f, file)
}

#[test]
fn recovery_offer_shows_the_difference() {
    let (f, file) = offered();
    let saved = recovery::read(&file).unwrap().header.saved;
    let s = screen(&f.app, 80, 24).replace(&recovery::format_time(saved), "[TIME]");
    assert!(s.contains("Recover unsaved edits?"), "{s}");
    assert!(s.contains("- [Company] builds things."), "{s}");
    assert!(s.contains("+ Recovered Co builds things."), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn recovery_offer_r_loads_the_text_as_unsaved_edits() {
    let (mut f, file) = offered();
    drive(&mut f.app, "x"); // not a choice: nothing happens
    assert!(f.app.guard_dialog().is_some());
    drive(&mut f.app, "r");
    assert!(f.app.guard_dialog().is_none());
    assert!(f.app.modified());
    assert_eq!(fs::read_to_string(&f.path).unwrap(), DOC);
    assert!(file.exists(), "kept until saved");
    drive(&mut f.app, "<C-s>");
    assert_eq!(
        fs::read_to_string(&f.path).unwrap(),
        DOC.replace("[Company]", "Recovered Co")
    );
    assert!(!file.exists());
}

#[test]
fn recovery_offer_d_deletes_the_recovery_file() {
    let (mut f, file) = offered();
    drive(&mut f.app, "d");
    assert!(!file.exists());
    assert_eq!(f.app.posting().text(), DOC);
    assert!(!f.app.modified());
}

#[test]
fn recovery_offer_k_keeps_both() {
    let (mut f, file) = offered();
    drive(&mut f.app, "k");
    assert_eq!(f.app.path(), None);
    assert!(f.app.modified());
    assert!(f.app.posting().text().contains("Recovered Co"));
    assert!(file.exists());
    assert_eq!(fs::read_to_string(&f.path).unwrap(), DOC);
    // Saved somewhere else: the posting is untouched, the recovery file goes.
    let other = f.dir.path().join("copy.md");
    drive(&mut f.app, "<C-s>");
    common::save_as(&mut f.app, &other);
    assert!(!file.exists());
    assert_eq!(fs::read_to_string(&f.path).unwrap(), DOC);
    assert!(fs::read_to_string(&other).unwrap().contains("Recovered Co"));
}

#[test]
fn an_older_recovery_file_is_not_offered() {
    let f = Fixture::open(DOC);
    let file = recovery::file_for(&f.recovery_dir(), Some(&f.path));
    recovery::write(&file, Some(&f.path), "old text").unwrap();
    let past = std::time::SystemTime::now() - Duration::from_secs(60);
    fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(past)
        .unwrap();
    assert!(recovery::pending_for(&f.recovery_dir(), &f.path).is_none());
}

// ---- hostile input ----

#[test]
fn control_characters_are_drawn_as_pictures_and_kept_in_the_file() {
    let text = "## About\n\nRed \u{1b}[31mALERT\u{1b}[0m bell\u{7} del\u{7f} nel\u{85} [Company]\n";
    let mut f = Fixture::open(text);
    let s = screen(&f.app, 80, 24);
    assert!(
        s.contains("Red ␛[31mALERT␛[0m bell␇ del␡ nel\u{fffd}"),
        "{s}"
    );
    assert!(!s.contains('\u{1b}') && !s.contains('\u{7}'));
    // Select the placeholder (the cursor columns still line up) and fill it.
    drive(&mut f.app, "<C-n>Acme<C-s>");
    assert_eq!(
        fs::read_to_string(&f.path).unwrap(),
        text.replace("[Company]", "Acme")
    );
    let s = screen(&f.app, 80, 24);
    assert!(s.contains("nel\u{fffd} Acme"), "{s}");
    assert_eq!(controls::with_pictures("\u{1b}\u{0}"), "␛␀");
}

#[test]
fn invalid_yaml_front_matter_is_shown_and_written_back_untouched() {
    let text = "---\ntitle: [unclosed\nkey: : bad\n---\n\n## About\n\n[Company] builds.\n";
    let mut f = Fixture::open(text);
    let s = screen(&f.app, 80, 24);
    assert!(s.contains("YAML error"), "{s}");
    drive(&mut f.app, "<Tab><Tab><C-n>Acme<C-s>");
    let got = fs::read_to_string(&f.path).unwrap();
    assert_eq!(got, text.replace("[Company]", "Acme"));
    assert!(got.starts_with("---\ntitle: [unclosed\nkey: : bad\n---\n"));
}

/// Opens `text`, draws, types one key and draws again; prints how long each step took.
fn open_draw_type(name: &str, text: &str) {
    let start = Instant::now();
    let mut f = Fixture::open(text);
    let opened = start.elapsed();
    let _ = screen(&f.app, 80, 24);
    let drawn = start.elapsed();
    drive(&mut f.app, "x");
    let _ = screen(&f.app, 80, 24);
    let typed = start.elapsed() - drawn;
    eprintln!("{name}: open {opened:?}, first frame {drawn:?}, one key + frame {typed:?}");
    assert!(f.app.modified());
    assert_eq!(f.app.posting().text().len(), text.len() + 1);
}

#[test]
fn a_1mb_single_line_opens_and_draws() {
    open_draw_type(
        "1 MB line",
        &format!("# Long\n\n{}\n", "word ".repeat(200_000)),
    );
}

/// Slow in a debug build (~15 s to open); run with
/// `cargo test --release --test safety -- --ignored` for the figures.
#[test]
#[ignore = "slow in debug builds; run in release for the timing figures"]
fn a_10mb_file_opens_and_draws() {
    let big = "## Section\n\nSome text with a [Placeholder] in it.\n\n".repeat(230_000);
    assert!(big.len() > 10_000_000);
    open_draw_type("10 MB file, 230k sections", &big);
    let flat = format!(
        "# One\n\n{}",
        "A line of prose, [Placeholder] and all.\n".repeat(250_000)
    );
    assert!(flat.len() > 10_000_000);
    open_draw_type("10 MB file, 1 section", &flat);
}

// ---- the command line ----

/// Runs the real binary with HOME and XDG folders under `home`.
fn jobpost(home: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_jobpost"))
        .args(args)
        .current_dir(home)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .output()
        .unwrap()
}

#[test]
fn recovery_command_with_nothing_kept_says_so_and_exits_0() {
    let home = tempfile::tempdir().unwrap();
    let out = jobpost(home.path(), &["recovery"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with("No unsaved edits are kept in"),
        "{stdout}"
    );
    assert!(out.stderr.is_empty());
}

#[test]
fn recovery_command_lists_path_time_and_size() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("data/jobpost/recovery");
    let posting = home.path().join("po.md");
    let file = recovery::file_for(&dir, Some(&posting));
    recovery::write(&file, Some(&posting), "12345").unwrap();
    recovery::write(&recovery::file_for(&dir, None), None, "new").unwrap();
    let out = jobpost(home.path(), &["recovery"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let saved = recovery::read(&file).unwrap().header.saved;
    assert!(stdout.contains(&recovery::format_time(saved)), "{stdout}");
    assert!(stdout.contains("5 bytes"), "{stdout}");
    assert!(
        stdout.contains(&recovery::absolute(&posting).display().to_string()),
        "{stdout}"
    );
    assert!(stdout.contains("(new posting, never saved;"), "{stdout}");
    assert!(stdout.contains(&file.display().to_string()), "{stdout}");
}

#[test]
fn recover_flag_with_nothing_kept_is_an_error_before_the_terminal_is_touched() {
    let home = tempfile::tempdir().unwrap();
    fs::write(home.path().join("po.md"), "x").unwrap();
    let out = jobpost(home.path(), &["--recover", "po.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "the terminal was touched");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("error: po.md: no unsaved edits kept for this file\nhint: "),
        "{stderr}"
    );
}

#[test]
fn bad_inputs_are_refused_before_the_terminal_is_touched() {
    let home = tempfile::tempdir().unwrap();
    fs::write(home.path().join("bin.md"), b"# x\n\0").unwrap();
    fs::write(home.path().join("latin1.md"), b"caf\xe9\n").unwrap();
    fs::create_dir(home.path().join("folder.md")).unwrap();
    for name in ["bin.md", "latin1.md", "folder.md"] {
        let out = jobpost(home.path(), &[name]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        assert!(out.stdout.is_empty(), "{name}: the terminal was touched");
        assert!(out.stderr.starts_with(b"error: "), "{name}");
    }
}

#[cfg(unix)]
#[test]
fn saving_through_a_symlink_keeps_the_link_and_the_permissions() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.md");
    fs::write(&real, DOC).unwrap();
    fs::set_permissions(&real, fs::Permissions::from_mode(0o640)).unwrap();
    let link = dir.path().join("link.md");
    symlink("real.md", &link).unwrap();
    let mut app = App::with_theme(
        Launch {
            path: Some(link.clone()),
            posting: jobpost::store::load(&link).unwrap(),
        },
        Theme { color: false },
    );
    app.set_recovery_dir(Some(dir.path().join("recovery")));
    drive(&mut app, "<C-n>Acme<C-s>");
    assert!(app.guard_dialog().is_none());
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        fs::read_to_string(&real).unwrap(),
        DOC.replace("[Company]", "Acme")
    );
    assert_eq!(
        fs::metadata(&real).unwrap().permissions().mode() & 0o777,
        0o640
    );
    // A change to the target behind the link is noticed too.
    fs::write(&real, "theirs").unwrap();
    drive(&mut app, "<C-n>Big<C-s>");
    assert!(app.guard_dialog().is_some());
}

// ---- saving postings as vim does (store::save): links, owners, read-only files and folders ----

mod save {
    use super::run_root;
    use jobpost::recovery;
    use jobpost::store::{self, InPlaceReason, SaveError, SaveOptions, SaveOutcome};
    use std::fs;
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    use std::path::{Path, PathBuf};

    /// A folder for postings and one for recovery files, apart (as the user's data folder is).
    struct Place {
        dir: tempfile::TempDir,
    }

    impl Place {
        fn new() -> Place {
            let dir = tempfile::tempdir().unwrap();
            fs::create_dir(dir.path().join("postings")).unwrap();
            Place { dir }
        }

        fn file(&self, name: &str, text: &str) -> PathBuf {
            let p = self.dir.path().join("postings").join(name);
            fs::write(&p, text).unwrap();
            p
        }

        fn options(&self) -> SaveOptions {
            SaveOptions {
                recovery_dir: Some(self.recovery()),
                ..SaveOptions::default()
            }
        }

        fn recovery(&self) -> PathBuf {
            self.dir.path().join("recovery")
        }

        /// Recovery files and temporaries left behind.
        fn leftovers(&self) -> Vec<String> {
            let mut out = recovery::list(&self.recovery())
                .into_iter()
                .map(|r| r.file.display().to_string())
                .collect::<Vec<_>>();
            for e in fs::read_dir(self.dir.path().join("postings")).unwrap() {
                let name = e.unwrap().file_name().to_string_lossy().into_owned();
                if name.contains("tmp") {
                    out.push(name);
                }
            }
            out
        }
    }

    fn mode(p: &Path) -> u32 {
        fs::metadata(p).unwrap().permissions().mode() & 0o7777
    }

    fn is_root() -> bool {
        rustix::process::geteuid().is_root()
    }

    #[test]
    fn a_new_file_is_created_with_the_usual_permissions() {
        let place = Place::new();
        let new = place.dir.path().join("postings/new.md");
        assert!(!store::would_overwrite(&new));
        let out = store::save(&new, "# New\n", &place.options()).unwrap();
        assert_eq!(out, SaveOutcome::Created);
        assert_eq!(fs::read_to_string(&new).unwrap(), "# New\n");
        let plain = place.file("plain.md", "x");
        assert_eq!(mode(&new), mode(&plain));
        assert!(store::would_overwrite(&new));
        assert!(place.leftovers().is_empty());
    }

    #[test]
    fn a_plain_file_is_replaced_keeping_its_mode() {
        let place = Place::new();
        let p = place.file("a.md", "old\n");
        fs::set_permissions(&p, fs::Permissions::from_mode(0o640)).unwrap();
        let inode = fs::metadata(&p).unwrap().ino();
        let out = store::save(&p, "new\n", &place.options()).unwrap();
        assert_eq!(out, SaveOutcome::Replaced);
        assert_eq!(fs::read_to_string(&p).unwrap(), "new\n");
        assert_eq!(mode(&p), 0o640);
        assert_ne!(
            fs::metadata(&p).unwrap().ino(),
            inode,
            "a new file, renamed"
        );
        assert!(place.leftovers().is_empty());
    }

    #[test]
    fn a_hard_linked_file_is_written_in_place_and_both_names_see_the_new_text() {
        let place = Place::new();
        let a = place.file("a.md", "old\n");
        let b = place.dir.path().join("postings/b.md");
        fs::hard_link(&a, &b).unwrap();
        let out = store::save(&a, "new text\n", &place.options()).unwrap();
        assert_eq!(out, SaveOutcome::InPlace(InPlaceReason::HardLinks));
        assert_eq!(out.to_string(), "saved in place (it has other hard links)");
        assert_eq!(fs::read_to_string(&a).unwrap(), "new text\n");
        assert_eq!(fs::read_to_string(&b).unwrap(), "new text\n");
        assert_eq!(fs::metadata(&a).unwrap().nlink(), 2);
        assert_eq!(
            fs::metadata(&a).unwrap().ino(),
            fs::metadata(&b).unwrap().ino()
        );
        // Shorter text: the rest of the old one is cut off.
        store::save(&b, "x\n", &place.options()).unwrap();
        assert_eq!(fs::read_to_string(&a).unwrap(), "x\n");
        assert!(place.leftovers().is_empty(), "{:?}", place.leftovers());
    }

    #[test]
    fn a_read_only_file_is_refused_without_force_and_written_with_it() {
        let place = Place::new();
        let p = place.file("a.md", "old\n");
        fs::set_permissions(&p, fs::Permissions::from_mode(0o444)).unwrap();
        let err = store::save(&p, "new\n", &place.options()).unwrap_err();
        assert!(matches!(err, SaveError::ReadOnly(_)), "{err:?}");
        assert_eq!(err.short(), "a.md is read-only");
        assert_eq!(fs::read_to_string(&p).unwrap(), "old\n");
        let force = SaveOptions {
            overwrite_readonly: true,
            ..place.options()
        };
        assert_eq!(
            store::save(&p, "new\n", &force).unwrap(),
            SaveOutcome::Replaced
        );
        assert_eq!(fs::read_to_string(&p).unwrap(), "new\n");
        assert_eq!(mode(&p), 0o444, "still read-only afterwards");
        assert!(place.leftovers().is_empty());
    }

    #[test]
    fn a_file_changed_on_disk_is_not_overwritten() {
        let place = Place::new();
        let p = place.file("a.md", "mine\n");
        let known = store::Fingerprint::read(&p).unwrap();
        fs::write(&p, "theirs, longer\n").unwrap();
        let options = SaveOptions {
            expect: Some(known),
            ..place.options()
        };
        let err = store::save(&p, "mine, edited\n", &options).unwrap_err();
        assert!(matches!(err, SaveError::Changed(_)), "{err:?}");
        assert_eq!(fs::read_to_string(&p).unwrap(), "theirs, longer\n");
    }

    #[test]
    fn a_folder_is_refused() {
        let place = Place::new();
        let err = store::save(&place.dir.path().join("postings"), "x", &place.options());
        assert!(matches!(err, Err(SaveError::IsFolder(_))), "{err:?}");
    }

    #[test]
    #[ignore = "needs root: gives a file to another user"]
    fn as_root_another_users_file_keeps_its_owner_group_and_mode() {
        assert!(is_root(), "needs root to give a file to another user");
        let place = Place::new();
        let p = place.file("theirs.md", "old\n");
        std::os::unix::fs::chown(&p, Some(4242), Some(4343)).unwrap();
        fs::set_permissions(&p, fs::Permissions::from_mode(0o640)).unwrap();
        let out = store::save(&p, "new\n", &place.options()).unwrap();
        assert_eq!(out, SaveOutcome::Replaced);
        let meta = fs::metadata(&p).unwrap();
        assert_eq!((meta.uid(), meta.gid()), (4242, 4343));
        assert_eq!(mode(&p), 0o640);
        assert_eq!(fs::read_to_string(&p).unwrap(), "new\n");
        // Root is refused a file with no write permission at all, as vim refuses it.
        fs::set_permissions(&p, fs::Permissions::from_mode(0o440)).unwrap();
        assert!(matches!(
            store::save(&p, "newer\n", &place.options()),
            Err(SaveError::ReadOnly(_))
        ));
    }

    /// Makes a folder refuse new files: `chattr +i` as root (whom chmod does not stop; the
    /// test fails saying so where the file system has no such flag), `chmod 0555` otherwise.
    /// Undone on drop.
    struct Locked(PathBuf, bool);

    impl Locked {
        fn lock(dir: &Path) -> Locked {
            if is_root() {
                run_root("chattr", &["+i", dir.to_str().unwrap()]);
                Locked(dir.to_path_buf(), true)
            } else {
                fs::set_permissions(dir, fs::Permissions::from_mode(0o555)).unwrap();
                Locked(dir.to_path_buf(), false)
            }
        }
    }

    impl Drop for Locked {
        fn drop(&mut self) {
            if self.1 {
                let _ = std::process::Command::new("chattr")
                    .args(["-i", self.0.to_str().unwrap()])
                    .status();
            } else {
                let _ = fs::set_permissions(&self.0, fs::Permissions::from_mode(0o755));
            }
        }
    }

    #[test]
    fn a_writable_file_in_a_folder_that_takes_no_new_file_is_written_in_place() {
        let place = Place::new();
        let p = place.file("a.md", "old text\n");
        let lock = Locked::lock(p.parent().unwrap());
        let out = store::save(&p, "new text\n", &place.options());
        let new_file = store::save(&p.with_file_name("b.md"), "x", &place.options());
        drop(lock);
        assert_eq!(
            out.unwrap(),
            SaveOutcome::InPlace(InPlaceReason::FolderReadOnly)
        );
        assert_eq!(fs::read_to_string(&p).unwrap(), "new text\n");
        // The recovery copy kept during the write is gone once the text is safe.
        assert!(place.leftovers().is_empty(), "{:?}", place.leftovers());
        // A new file cannot be made there at all.
        let err = new_file.unwrap_err();
        assert!(matches!(err, SaveError::FolderReadOnly(_)), "{err:?}");
        assert_eq!(err.short(), "b.md is in a read-only folder");
    }

    #[test]
    #[ignore = "needs root: a full disk under a hard-linked file is a small tmpfs"]
    fn a_failed_write_in_place_keeps_the_whole_text_in_a_recovery_file() {
        let place = Place::new();
        let folder = place.dir.path().join("small");
        fs::create_dir(&folder).unwrap();
        let folder_s = folder.to_str().unwrap();
        run_root(
            "mount",
            &["-t", "tmpfs", "-o", "size=64k", "tmpfs", folder_s],
        );
        let _mount = super::Mount(folder.clone());
        let p = folder.join("a.md");
        fs::write(&p, "old\n").unwrap();
        fs::hard_link(&p, folder.join("b.md")).unwrap();
        let text = "new line\n".repeat(20_000);
        let err = store::save(&p, &text, &place.options()).unwrap_err();
        let SaveError::InPlace { kept, .. } = &err else {
            panic!("{err:?}");
        };
        assert!(err.to_string().contains("No space left on device"), "{err}");
        assert!(err.to_string().contains("the text is kept in"), "{err}");
        assert_eq!(recovery::read(kept).unwrap().text, text);
        assert_eq!(
            recovery::read(kept).unwrap().header.path,
            Some(recovery::absolute(&p))
        );
    }
}

// ---- the save questions on screen ----

/// The screen with the temporary folder's name (it differs per run) written as `[TMP]`.
fn screen_tmp(app: &App, w: u16, h: u16) -> String {
    let re = regex::Regex::new(r"/tmp/\.tmp\w+").unwrap();
    re.replace_all(&screen(app, w, h), "[TMP]").into_owned()
}

/// Ctrl-S on a read-only file writes nothing: the box says so and offers Save as and, as
/// its folder takes new files, writing anyway.
#[test]
fn ctrl_s_on_a_read_only_file_shows_the_question_and_writes_nothing() {
    use std::os::unix::fs::PermissionsExt;
    let mut f = Fixture::open(DOC);
    fs::set_permissions(&f.path, fs::Permissions::from_mode(0o444)).unwrap();
    drive(&mut f.app, "<C-n>Acme<C-s>");
    assert_eq!(fs::read_to_string(&f.path).unwrap(), DOC);
    assert_eq!(f.status(), "Not saved: posting.md is read-only");
    insta::assert_snapshot!("read_only_80x24", screen_tmp(&f.app, 80, 24));
    insta::assert_snapshot!("read_only_60x15", screen_tmp(&f.app, 60, 15));
    // Esc: nothing written, the edits kept.
    drive(&mut f.app, "<Esc>");
    assert_eq!(f.status(), "Not saved; your edits are kept");
    assert!(f.app.modified());
    assert_eq!(fs::read_to_string(&f.path).unwrap(), DOC);
}

/// Save as onto a file that exists asks; Esc goes back to the name, `o` overwrites.
#[test]
fn save_as_onto_an_existing_file_shows_the_question() {
    let mut f = Fixture::open(DOC);
    let other = f.path.with_file_name("other.md");
    fs::write(&other, "theirs\n").unwrap();
    let typed = other.to_str().unwrap().to_string();
    drive(&mut f.app, "<C-n>Acme");
    // Save as, from the read-only question's `a` (or a new posting's Ctrl-S).
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(&f.path, fs::Permissions::from_mode(0o444)).unwrap();
    drive(&mut f.app, &format!("<C-s>a{typed}<Enter>"));
    assert_eq!(fs::read_to_string(&other).unwrap(), "theirs\n");
    insta::assert_snapshot!("overwrite_80x24", screen_tmp(&f.app, 80, 24));
    insta::assert_snapshot!("overwrite_60x15", screen_tmp(&f.app, 60, 15));
    drive(&mut f.app, "<Esc>");
    assert!(screen(&f.app, 80, 24).contains(&format!("Save as: {typed}")));
    drive(&mut f.app, "<Enter>o");
    assert_eq!(
        fs::read_to_string(&other).unwrap(),
        DOC.replace("[Company]", "Acme")
    );
    assert_eq!(f.app.path(), Some(other.as_path()));
    assert_eq!(fs::read_to_string(&f.path).unwrap(), DOC);
}
