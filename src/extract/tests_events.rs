//! Unit tests of the organisation-level rules: organisations minted from their full names,
//! which every summit, chair and membership fact of an article depends on.

use super::*;
use crate::model::{FactKind, PartialDate};

fn extraction(text: &str, published: &str) -> Extraction {
    let gaz = Gazetteer::builtin();
    let opts = Options { source: "test".into(), published: published.parse().ok(), ..Options::default() };
    extract_all(text, &opts, &gaz).unwrap()
}

fn minted_orgs(x: &Extraction) -> Vec<String> {
    x.entities.iter().filter(|e| e.kind == EntityType::Organization && e.minted_by.is_some()).map(|e| e.label("en").to_owned()).collect()
}

#[test]
fn an_organisation_named_in_full_after_the_is_minted_and_holds_the_summit() {
    let x = extraction(
        "Leaders gathered in Tashkent on Sunday for the seventh summit of the Advisory Meeting of the Heads of State of Inner Steppe. \
         Kazakhstan joined the Advisory Meeting of the Heads of State of Inner Steppe in 2019.",
        "2025-11-17",
    );
    let name = "Advisory Meeting of the Heads of State of Inner Steppe";
    assert_eq!(minted_orgs(&x), vec![name.to_owned()]);
    let summit = x.facts.iter().find(|f| f.kind == FactKind::Summit).expect("summit");
    assert_eq!(summit.entity("organization").map(|e| e.label.as_str()), Some(name));
    assert!(x.facts.iter().any(|f| f.kind == FactKind::Membership && f.entity("organization").is_some_and(|e| e.label == name)));
}

#[test]
fn a_body_named_by_generic_words_only_is_no_organisation_of_its_own() {
    // "the Conference of Heads of Government", "the Council of Ministers": the article's
    // organisation's own bodies; and a name without a word that names organisations.
    let x = extraction(
        "The next meeting of the Conference of Heads of Government will be held in Riga. \
         The Council of Ministers met in Oslo, and the Quiet Harbour Declaration was signed there.",
        "2025-03-01",
    );
    assert!(minted_orgs(&x).is_empty(), "{:?}", minted_orgs(&x));
}

#[test]
fn a_name_inside_a_known_organisation_or_state_is_not_minted() {
    let x = extraction("The African Union Commission met in Addis Ababa. The Central Bank of Nigeria said rates would stay.", "2025-03-01");
    assert!(minted_orgs(&x).is_empty(), "{:?}", minted_orgs(&x));
}

#[test]
fn a_digit_of_an_acronym_stands_for_a_number_word() {
    let x = extraction(
        "Leaders met in Warsaw for the summit of the Four Rivers Initiative (4RI), a format that links EU states. \
         Greece joined the 4RI in 2023.",
        "2025-04-29",
    );
    assert_eq!(minted_orgs(&x), vec!["Four Rivers Initiative".to_owned()]);
    // (the EU named after the comma is not its parent)
    assert!(x.facts.iter().any(|f| f.kind == FactKind::Membership
        && f.entity("member").is_some_and(|e| e.label == "Greece")
        && f.entity("organization").is_some_and(|e| e.label == "Four Rivers Initiative")));
}

#[test]
fn a_body_of_a_known_organisation_named_alone_later_is_not_minted_and_the_organisation_stays_the_articles() {
    // "the Peace and Security Council of the African Union" once, then "the Peace and Security Council" alone, more often
    // than the organisation itself: the body is no organisation of its own, and the summit and
    // chair facts stay with the organisation.
    let text = "The 12th summit of the Peace and Security Council of the African Union was held in Accra on Monday. \
                The Peace and Security Council approved the budget. The Peace and Security Council also elected Kenya to chair it next year. \
                The Peace and Security Council will meet again in Nairobi.";
    let x = extraction(text, "2025-06-02");
    assert!(minted_orgs(&x).is_empty(), "{:?}", minted_orgs(&x));
    let summit = x.facts.iter().find(|f| f.kind == FactKind::Summit).expect("summit");
    assert_eq!(summit.entity("organization").map(|e| e.label.as_str()), Some("African Union"));
}

#[test]
fn the_same_text_gives_the_same_facts() {
    // two organisations named equally often in one sentence: the choice of the article's
    // organisation must not depend on the order of a hash map
    let text = "Leaders of the Arctic Rim Forum (ARF) and of the Nordic Council met in Oslo on 3 May 2025 for the summit. \
                The ARF and the Nordic Council signed a joint declaration.";
    let first = format!("{:?}", extraction(text, "2025-05-04").facts);
    for _ in 0..8 {
        assert_eq!(format!("{:?}", extraction(text, "2025-05-04").facts), first);
    }
}

/// The English labels of the summits' places.
fn summit_places(x: &Extraction) -> Vec<String> {
    x.facts.iter().filter(|f| f.kind == FactKind::Summit).filter_map(|f| f.entity("place").map(|e| e.label.clone())).collect()
}

#[test]
fn a_common_noun_is_no_small_city_of_the_same_letters() {
    // "أمير البلاد" (the emir of the country): "البلاد" is not ب + "لاد" (Lod); "في البيان
    // الختامي" (in the final statement) is not Bayān, whose name has no article.
    let x = extraction("شارك أمير البلاد في القمة الثانية لمجلس التعاون لدول الخليج العربية يوم 27 مايو 2025.", "2025-05-27");
    assert!(x.facts.iter().any(|f| f.kind == FactKind::Summit), "{:#?}", x.facts);
    assert_eq!(summit_places(&x), Vec::<String>::new());
    let x = extraction(
        "وأكد القادة في البيان الختامي للقمة الثانية لمجلس التعاون لدول الخليج العربية يوم 27 مايو 2025 على التعاون.",
        "2025-05-27",
    );
    assert_eq!(summit_places(&x), Vec::<String>::new());
    // The preposition written on the city still places the summit: "بالرياض".
    let x = extraction("عقدت القمة الثانية لمجلس التعاون لدول الخليج العربية بالرياض يوم 27 مايو 2025.", "2025-05-27");
    assert_eq!(summit_places(&x), vec!["Riyadh".to_owned()]);
}

#[test]
fn a_city_name_joined_by_a_hyphen_to_another_word_is_part_of_another_name() {
    // "Иссык-Куль" is the lake, not the town of Esik («Иссык» in the tables).
    let x = extraction("На Иссык-Куле 15 июня 2026 года прошел саммит Шанхайской организации сотрудничества.", "2026-06-16");
    assert!(x.facts.iter().any(|f| f.kind == FactKind::Summit), "{:#?}", x.facts);
    assert!(!summit_places(&x).iter().any(|p| p == "Esik"), "{:?}", summit_places(&x));
}

/// (date, end date) of each summit, as written in JSON.
fn summit_dates(x: &Extraction) -> Vec<(String, String)> {
    let text = |f: &Fact, k: &str| match f.get(k) {
        Some(crate::model::Value::Date(d)) => d.to_string(),
        _ => String::new(),
    };
    x.facts.iter().filter(|f| f.kind == FactKind::Summit).map(|f| (text(f, "date"), text(f, "end_date"))).collect()
}

#[test]
fn a_range_of_days_across_the_end_of_a_month_is_one_range() {
    let pair = |a: &str, b: &str| vec![(a.to_owned(), b.to_owned())];
    let x = extraction(
        "The Asia-Pacific Economic Cooperation summit, held Oct. 31-Nov. 1 in Gyeongju, closed with a declaration.",
        "2025-11-02",
    );
    assert_eq!(summit_dates(&x), pair("2025-10-31", "2025-11-01"));
    let x = extraction("Саммит Шанхайской организации сотрудничества прошел 30 ноября – 1 декабря 2025 года в Минске.", "2025-12-02");
    assert_eq!(summit_dates(&x), pair("2025-11-30", "2025-12-01"));
    // Into January: the year written is the last day's.
    let x = extraction("The Asia-Pacific Economic Cooperation summit will be held December 31 to January 2, 2027 in Lima.", "2026-06-02");
    assert_eq!(summit_dates(&x), pair("2026-12-31", "2027-01-02"));
}

#[test]
fn a_meeting_wrapped_up_on_a_day_ends_that_day() {
    // 1 November 2025 was a Saturday; "two days" of talks began the day before.
    let x = extraction(
        "Prime Minister Sanae Takaichi wrapped up her first Asia-Pacific Economic Cooperation summit on Saturday, using two days of talks to meet leaders.",
        "2025-11-02",
    );
    assert_eq!(summit_dates(&x), vec![("2025-10-31".to_owned(), "2025-11-01".to_owned())]);
}

#[test]
fn an_acronym_several_organisations_share_means_the_one_the_text_names_in_full() {
    // "IOC" is also the International Olympic Committee's.
    let x =
        extraction("Leaders of the Indian Ocean Commission (IOC) met in Antananarivo on Thursday for the fifth IOC summit.", "2025-04-25");
    let orgs: Vec<String> = x.facts.iter().filter_map(|f| f.entity("organization").map(|e| e.label.clone())).collect();
    assert!(!orgs.is_empty(), "{:#?}", x.facts);
    assert!(orgs.iter().all(|o| o == "Indian Ocean Commission"), "{orgs:?}");
}

#[test]
fn a_month_without_its_year_after_a_word_of_the_future_is_next_years_when_it_has_passed() {
    let summit_dates = |text: &str, published: &str| -> Vec<PartialDate> {
        extraction(text, published).facts.iter().filter(|f| f.kind == FactKind::Summit).filter_map(|f| f.date("date")).collect()
    };
    let ds = summit_dates("Bangladesh will host the next summit of BIMSTEC in Dhaka in March.", "2025-11-20");
    assert_eq!(ds, [PartialDate::YearMonth(2026, 3)]);
    let ds = summit_dates("Очередной саммит ОДКБ пройдет в Москве в мае.", "2025-11-27");
    assert_eq!(ds, [PartialDate::YearMonth(2026, 5)]);
    // A month still ahead, or a past meeting, stays in the article's year.
    let ds = summit_dates("The next summit of BIMSTEC will be held in Dhaka in December.", "2025-11-20");
    assert_eq!(ds, [PartialDate::YearMonth(2025, 12)]);
    let ds = summit_dates("The BIMSTEC summit was held in Dhaka in March.", "2025-11-20");
    assert_eq!(ds, [PartialDate::YearMonth(2025, 3)]);
}

#[test]
fn a_date_of_an_arrival_is_not_the_summits() {
    let fs = extraction(
        "Астана, 27 октября 2026 года. Сегодня в Астане прошел саммит ОДКБ. В саммите приняли участие президенты, прибывшие в казахстанскую столицу накануне.",
        "2026-10-27",
    )
    .facts;
    let ds: Vec<PartialDate> = fs.iter().filter(|f| f.kind == FactKind::Summit).filter_map(|f| f.date("date")).collect();
    assert_eq!(ds, [PartialDate::Date(2026, 10, 27)], "{fs:?}");
}

#[test]
fn a_meeting_of_two_days_that_ends_on_a_day_began_the_day_before() {
    // (14 February 2026 is a Saturday)
    let fs = extraction("Leaders gathered in Addis Ababa for the two-day summit of the African Union, which ends on Sunday.", "2026-02-14")
        .facts;
    let s = fs.iter().find(|f| f.kind == FactKind::Summit).expect("a summit");
    assert_eq!((s.date("date"), s.date("end_date")), (Some(PartialDate::Date(2026, 2, 14)), Some(PartialDate::Date(2026, 2, 15))), "{s:?}");
}

#[test]
fn a_number_with_the_arabic_conjunction_on_it_ends_a_range() {
    let x = extraction("انعقدت قمة منظمة شنغهاي للتعاون في مدينة تيانجين يومي 9 و10 سبتمبر 2025.", "2025-09-11");
    assert_eq!(summit_dates(&x), vec![("2025-09-09".to_owned(), "2025-09-10".to_owned())]);
}

#[test]
fn a_range_of_days_beside_a_word_of_joining_is_still_the_meetings() {
    // No one joins over two days: the range is the summit's although "joined" is nearer.
    let x = extraction(
        "The summit of the Shanghai Cooperation Organisation, at which Belarus joined the bloc, was held in Tianjin on 9-10 September 2025.",
        "2025-09-11",
    );
    assert_eq!(summit_dates(&x), vec![("2025-09-09".to_owned(), "2025-09-10".to_owned())]);
}

#[test]
fn a_word_naming_a_state_and_its_capital_is_the_city_after_a_place_word() {
    // «تونس» is Tunisia and Tunis; «بتونس», in Tunis, is where the meeting is.
    let x = extraction("انطلقت اليوم أشغال الدورة الثالثة والأربعين لمجلس وزراء الداخلية العرب بتونس.", "2026-02-04");
    assert_eq!(summit_places(&x), vec!["Tunis".to_owned()]);
    // Without one, the word stays ambiguous and gives no place.
    let x = extraction("وقالت تونس إن الدورة الثالثة والأربعين لمجلس وزراء الداخلية العرب ناجحة.", "2026-02-04");
    assert_eq!(summit_places(&x), Vec::<String>::new());
}

#[test]
fn a_numeric_date_with_dashes_on_both_sides_is_day_month_year() {
    let x = extraction(
        "الكويت - 21 - 12 - 2025 (كونا) -- عقد مجلس وزراء منظمة الأقطار العربية المصدرة للبترول اجتماعه في الكويت.",
        "2025-12-22",
    );
    assert_eq!(summit_dates(&x), vec![("2025-12-21".to_owned(), String::new())]);
}

#[test]
fn an_arabic_meeting_or_conference_of_an_organisation_is_its_summit() {
    let x = extraction("افتتح ولي العهد أعمال المؤتمر السادس والثلاثين للاتحاد البرلماني العربي في عمان يوم 21 سبتمبر 2025.", "2025-09-21");
    assert_eq!(summit_dates(&x), vec![("2025-09-21".to_owned(), String::new())]);
    // A press conference is no meeting of the organisation.
    let x = extraction("وقال رئيس الاتحاد البرلماني العربي في مؤتمر صحفي يوم 21 سبتمبر 2025 إن الدول متفقة.", "2025-09-21");
    assert!(summit_dates(&x).is_empty(), "{:?}", summit_dates(&x));
}

/// The events of the attendances.
fn attended(x: &Extraction) -> Vec<&crate::model::EventRef> {
    x.facts
        .iter()
        .filter(|f| f.kind == FactKind::Attendance)
        .filter_map(|f| match f.get("event") {
            Some(crate::model::Value::Event(e)) => Some(e),
            _ => None,
        })
        .collect()
}

#[test]
fn a_meeting_named_in_a_relative_clause_is_not_the_one_attended() {
    let x = extraction(
        "The summit of the Shanghai Cooperation Organisation opened in Bishkek on 27 August 2026. \
         Mongolia, which was granted observer status at last year's summit in Tianjin, was represented by Prime Minister Gombojav Zandanshatar.",
        "2026-08-27",
    );
    let years: Vec<i32> = attended(&x).iter().map(|e| e.year).collect();
    assert!(!years.is_empty() && years.iter().all(|y| *y == 2026), "{:#?}", x.facts);
}

#[test]
fn leaders_who_meet_on_a_day_hold_a_summit_of_the_organisation_they_lead() {
    let orgs = |x: &Extraction| -> Vec<String> {
        x.facts.iter().filter(|f| f.kind == FactKind::Summit).filter_map(|f| f.entity("organization").map(|e| e.label.clone())).collect()
    };
    // The meeting is the article's: the attendance of the leaders listed after it is at it,
    // not at the other organisation's summit the sentence names later.
    let x = extraction(
        "Leaders of the Shanghai Cooperation Organisation gathered in Tashkent on Monday, a week ahead of the NATO summit in The Hague. \
         Kazakh President Kassym-Jomart Tokayev took part in the talks.",
        "2025-06-03",
    );
    let sco = x
        .facts
        .iter()
        .find(|f| f.kind == FactKind::Summit && f.entity("organization").is_some_and(|e| e.label == "Shanghai Cooperation Organisation"))
        .expect("the leaders' meeting");
    assert_eq!(sco.get("date"), Some(&crate::model::Value::Date("2025-06-02".parse().unwrap())));
    assert_eq!(sco.entity("place").map(|e| e.label.as_str()), Some("Tashkent"));
    let at: Vec<String> = attended(&x).iter().map(|e| e.organization.label.clone()).collect();
    assert_eq!(at, vec!["Shanghai Cooperation Organisation".to_owned()]);
    // Verb first in Arabic.
    let x = extraction("اجتمع قادة منظمة شنغهاي للتعاون في طشقند يوم 2 يونيو 2025.", "2025-06-03");
    assert_eq!(orgs(&x), vec!["Shanghai Cooperation Organisation".to_owned()]);
    // Not protesters; not a headline with no date of its own.
    for text in [
        "Hundreds of protesters gathered in Tashkent on Monday against the Shanghai Cooperation Organisation.",
        "Shanghai Cooperation Organisation leaders meet in Tashkent",
    ] {
        assert!(orgs(&extraction(text, "2025-06-03")).is_empty(), "{text}");
    }
}
