//! Postings in German, French, Spanish, Portuguese, Italian, Dutch, Japanese and Chinese:
//! complete ones check clean of missing-section, employment-type, location and pay-range;
//! taking out a section or a fact brings its finding back. The fixtures are written for
//! these tests, one per language, each stating every fact once.

use std::path::Path;

use jobpost::posting::Posting;
use jobpost::review::{self, Finding, RuleId};

/// A fixture and what to take out of it: the three section headings (company,
/// responsibilities, qualifications), the lines that state the employment type, the
/// location and the pay, and the example heading a missing company section suggests.
struct Case {
    lang: &'static str,
    headings: [&'static str; 3],
    employment: &'static str,
    location: &'static str,
    pay: &'static str,
    company_example: &'static str,
}

const CASES: &[Case] = &[
    Case {
        lang: "de",
        headings: ["## Über uns", "## Deine Aufgaben", "## Dein Profil"],
        employment: "- Eine Vollzeitstelle mit flexiblen Arbeitszeiten",
        location: "- Arbeitsort: Berlin-Kreuzberg, an zwei Tagen pro Woche im Homeoffice",
        pay: "- 65.000–80.000 € brutto im Jahr",
        company_example: "\"Über uns\"",
    },
    Case {
        lang: "fr",
        headings: [
            "## Qui sommes-nous ?",
            "## Vos missions",
            "## Profil recherché",
        ],
        employment: "- Contrat : CDI à temps plein",
        location: "- Lieu : Lyon, avec deux jours de télétravail par semaine",
        pay: "- Salaire : 45 000 – 55 000 € bruts annuels",
        company_example: "\"Qui sommes-nous\"",
    },
    Case {
        lang: "es",
        headings: ["## Sobre nosotros", "## Responsabilidades", "## Requisitos"],
        employment: "- Contrato indefinido a jornada completa",
        location: "- Modelo híbrido: dos días por semana en nuestra oficina del centro de Valencia",
        pay: "- Entre 38.000 y 46.000 € brutos anuales",
        company_example: "\"Sobre nosotros\"",
    },
    Case {
        lang: "pt",
        headings: ["## Sobre nós", "## Responsabilidades", "## Requisitos"],
        employment: "- Contratação CLT, tempo integral",
        location: "- Trabalho remoto, com encontros mensais no escritório de São Paulo",
        pay: "- Salário de R$ 12.000 a R$ 16.000 por mês",
        company_example: "\"Sobre nós\"",
    },
    Case {
        lang: "it",
        headings: ["## Chi siamo", "## Responsabilità", "## Requisiti"],
        employment: "- Contratto a tempo indeterminato, tempo pieno",
        location: "- Ufficio in centro a Milano e due giorni a settimana da remoto",
        pay: "- RAL 35.000 - 42.000 €",
        company_example: "\"Chi siamo\"",
    },
    Case {
        lang: "nl",
        headings: ["## Over ons", "## Wat ga je doen?", "## Wat vragen wij?"],
        employment: "- Een vast contract voor 32 tot 40 uur per week",
        location: "- Hybride werken: twee dagen per week samen met het team",
        pay: "- Salaris: € 3.800 - € 5.200 bruto per maand",
        company_example: "\"Over ons\"",
    },
    Case {
        lang: "ja",
        headings: ["## 会社概要", "## 業務内容", "## 応募資格"],
        employment: "- 雇用形態：正社員",
        location: "- 勤務地：東京都渋谷区（週二日まで在宅勤務可）",
        pay: "- 給与：年収600万円〜800万円",
        company_example: "\"会社概要\"",
    },
    Case {
        lang: "zh",
        headings: ["## 关于我们", "## 岗位职责", "## 任职要求"],
        employment: "- 工作性质：全职",
        location: "- 工作地点：杭州市西湖区，每周可居家办公一天",
        pay: "- 薪资：月薪25k-35k，每年十四薪",
        company_example: "\"关于我们\"",
    },
];

const FACT_RULES: [RuleId; 4] = [
    RuleId::MissingSection,
    RuleId::EmploymentType,
    RuleId::Location,
    RuleId::PayRange,
];

fn fixture(lang: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/languages")
        .join(format!("{lang}.md"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn findings(text: &str, rule: RuleId) -> Vec<Finding> {
    review::review("p.md".into(), &Posting::parse(text))
        .findings
        .into_iter()
        .filter(|f| f.rule == rule)
        .collect()
}

/// The text with one whole line taken out (it must be there exactly once).
fn without_line(text: &str, line: &str) -> String {
    let with_newline = format!("{line}\n");
    assert_eq!(text.matches(&with_newline).count(), 1, "{line:?}");
    text.replacen(&with_newline, "", 1)
}

#[test]
fn complete_postings_in_every_language_check_clean() {
    for case in CASES {
        let text = fixture(case.lang);
        for rule in FACT_RULES {
            assert_eq!(findings(&text, rule), [], "{}: {rule}", case.lang);
        }
    }
}

#[test]
fn taking_out_a_section_or_a_fact_brings_its_finding_back() {
    for case in CASES {
        let text = fixture(case.lang);
        let kinds = ["company", "responsibilities", "qualifications"];
        for (heading, kind) in case.headings.iter().zip(kinds) {
            let f = findings(&without_line(&text, heading), RuleId::MissingSection);
            assert_eq!(f.len(), 1, "{}: {heading}: {f:?}", case.lang);
            assert!(
                f[0].message
                    .starts_with(&format!("no section about the {kind}: add a heading like ")),
                "{}: {}",
                case.lang,
                f[0].message
            );
        }
        let f = findings(
            &without_line(&text, case.headings[0]),
            RuleId::MissingSection,
        );
        assert!(
            f[0].message.contains(case.company_example),
            "{}: examples in the posting's language: {}",
            case.lang,
            f[0].message
        );
        for (line, rule) in [
            (case.employment, RuleId::EmploymentType),
            (case.location, RuleId::Location),
            (case.pay, RuleId::PayRange),
        ] {
            let f = findings(&without_line(&text, line), rule);
            assert_eq!(f.len(), 1, "{}: without {line:?}: {f:?}", case.lang);
        }
    }
}

#[test]
fn a_posting_in_another_language_is_not_judged_for_gendered_wording() {
    for case in CASES {
        let f = findings(&fixture(case.lang), RuleId::GenderedWording);
        assert_eq!(f.len(), 1, "{}: {f:?}", case.lang);
        assert!(
            f[0].message.starts_with("not judged: the posting is in "),
            "{}",
            f[0].message
        );
    }
    // Chinese is told from the text (no `lang` in its front matter); Japanese from `lang: ja`.
    let f = findings(&fixture("zh"), RuleId::GenderedWording);
    assert!(
        f[0].message
            .starts_with("not judged: the posting is in Chinese")
    );
    let f = findings(
        &fixture("de").replace("---\n# Backend", "lang: en\n---\n# Backend"),
        RuleId::GenderedWording,
    );
    assert!(
        f.iter().all(|f| !f.message.starts_with("not judged")),
        "front matter wins: {f:?}"
    );
}

#[test]
fn facts_count_in_any_language_of_a_mixed_posting() {
    // A German posting with English headings and an English pay line.
    let text = "# Backend-Entwickler:in\n\n## About us\n\nWir bauen Software für Bäckereien in \
                ganz Deutschland und wachsen seit Jahren.\n\n## Your tasks\n\nDu entwickelst unsere \
                Schnittstellen weiter.\n\n## Requirements\n\nErfahrung mit Go.\n\n\
                Teilzeit (30 Stunden), remote. Salary: €50,000 – €60,000 per year.\n";
    for rule in FACT_RULES {
        assert_eq!(findings(text, rule), [], "{rule}");
    }
}
