//! Unit tests of the people rules (attendance, office, absence) and of what they rest on (the
//! entities minted from a text, the reference organisations), on made-up sentences.

use super::*;
use crate::model::FactKind;

fn extraction(text: &str, published: &str) -> Extraction {
    let gaz = Gazetteer::builtin();
    let opts = Options { source: "test".into(), published: published.parse().ok(), ..Options::default() };
    extract_all(text, &opts, &gaz).unwrap()
}

fn facts(text: &str, published: &str) -> Vec<Fact> {
    extraction(text, published).facts
}

/// (kind, participant or person, organisation of the event or `of`) of each people fact.
fn people(fs: &[Fact]) -> Vec<(FactKind, String, String)> {
    fs.iter()
        .filter(|f| matches!(f.kind, FactKind::Attendance | FactKind::Absence | FactKind::Office))
        .map(|f| {
            let who = f.entity("participant").or(f.entity("person")).map(|e| e.label.clone()).unwrap_or_default();
            let of = match f.get("event") {
                Some(crate::model::Value::Event(ev)) => ev.organization.label.clone(),
                _ => f.entity("of").map(|e| e.label.clone()).unwrap_or_default(),
            };
            (f.kind, who, of)
        })
        .collect()
}

#[test]
fn a_correlates_of_war_name_leaves_its_acronym_out_of_its_label() {
    // "Indian Ocean Commission (IOC)", whose COW abbreviation is another ("IOCom").
    let cow = crate::gazetteer::cow_organisations();
    let e = cow.iter().find(|e| e.label("en") == "Indian Ocean Commission").expect("the name without the parenthesis");
    assert!(e.notations.iter().any(|n| n == "IOC"), "{:?}", e.notations);
    assert!(!cow.iter().any(|e| e.label("en").ends_with("(IOC)")));
}

#[test]
fn an_acronym_starting_with_a_number_spells_the_number_word_too() {
    let x = extraction(
        "Leaders met in Warsaw on Monday for the fifth summit of the Four Rivers Compact (4RC), a format that links EU states.",
        "2025-04-29",
    );
    let labels: Vec<&str> = x.entities.iter().filter(|e| e.kind == EntityType::Organization).map(|e| e.label("en")).collect();
    // (the EU named after the comma is not its parent)
    assert!(labels.contains(&"Four Rivers Compact"), "{labels:?}");
    assert!(!labels.contains(&"Rivers Compact"), "{labels:?}");
    // Without the number word before the spelled words, nothing is minted.
    let x = extraction("Leaders met in Warsaw for the summit of the Rivers Compact (4RC) on Monday.", "2025-04-29");
    assert!(!x.entities.iter().any(|e| e.kind == EntityType::Organization && e.label("en").contains("Rivers")));
}

#[test]
fn a_title_after_a_name_and_a_comma_is_that_names_and_not_the_next_ones() {
    let fs = facts(
        "The summit of the Gulf Cooperation Council in Manama on Tuesday was attended by Sheikh Tamim bin Hamad Al Thani, \
         Emir of the State of Qatar; and Sheikh Mishal Al-Ahmad Al-Jaber Al-Sabah, Emir of the State of Kuwait.",
        "2025-12-03",
    );
    let ps = people(&fs);
    let office = |who: &str, of: &str| ps.iter().any(|(k, w, o)| *k == FactKind::Office && w == who && o == of);
    assert!(office("Tamim bin Hamad Al Thani", "Qatar"), "{ps:?}");
    assert!(office("Mishal Al-Ahmad Al-Jaber Al-Sabah", "Kuwait"), "{ps:?}");
    assert!(!office("Mishal Al-Ahmad Al-Jaber Al-Sabah", "Qatar"), "{ps:?}");
    // Without a name before it, the name after the comma is still the title's.
    let fs =
        facts("The Emir of Qatar, Tamim bin Hamad Al Thani, attended the summit of the Gulf Cooperation Council in Manama.", "2025-12-03");
    assert!(people(&fs).iter().any(|(k, w, o)| *k == FactKind::Office && w == "Tamim bin Hamad Al Thani" && o == "Qatar"), "{fs:?}");
}

#[test]
fn a_name_right_after_of_is_what_the_title_is_of_and_no_person() {
    let x = extraction(
        "The Consultative Meeting of the Heads of State of Central Asia was held in Tashkent on Sunday. \
         President of Zorvania Kelmar Brennick attended the meeting.",
        "2025-11-17",
    );
    let persons: Vec<&str> = x.entities.iter().filter(|e| e.kind == EntityType::Person).map(|e| e.label("en")).collect();
    assert!(!persons.contains(&"Central Asia"), "{persons:?}");
}

#[test]
fn a_month_first_date_line_dates_the_article_where_no_other_order_can_be_read() {
    let summit_date = |text: &str| {
        let fs = facts(text, "");
        fs.iter().find(|f| f.kind == FactKind::Summit).and_then(|f| match f.get("date") {
            Some(crate::model::Value::Date(d)) => Some(d.to_string()),
            _ => None,
        })
    };
    // 29 April 2025 was a Tuesday: "on Monday" is the 28th.
    let text = "04/29/2025\nThe summit of the Collective Security Treaty Organization was held in Minsk on Monday.";
    assert!(summit_date(text).is_some_and(|d| d == "2025-04-28"), "{:?}", summit_date(text));
    // "04/05/2025" could be the 4th of May or April the 5th: it dates nothing.
    let text = "04/05/2025\nThe summit of the Collective Security Treaty Organization was held in Minsk on Monday.";
    assert!(summit_date(text).is_none_or(|d| !d.starts_with("2025-04")), "{:?}", summit_date(text));
}

#[test]
fn a_date_after_since_is_not_the_year_of_the_meeting_attended() {
    // (the organisation named in the sentence is not the article's, so the event is its own)
    let text = "The summit of the Association of Southeast Asian Nations opened in Kuala Lumpur on 27 May 2025. \
                Also attending the summit was Sheikh Sabah Al-Khalid Al-Sabah, the Crown Prince of Kuwait, which has chaired the \
                Cooperation Council for the Arab States of the Gulf since December 2024.";
    let fs = facts(text, "2025-05-27");
    let years: Vec<i32> = fs
        .iter()
        .filter(|f| f.kind == FactKind::Attendance)
        .filter_map(|f| match f.get("event") {
            Some(crate::model::Value::Event(ev)) => Some(ev.year),
            _ => None,
        })
        .collect();
    assert!(!years.is_empty(), "{fs:#?}");
    assert!(years.iter().all(|y| *y == 2025), "{years:?}");
}

/// The minted people of an extraction: (label in `lang`, English label, romanised).
fn minted(x: &Extraction, lang: &str) -> Vec<(String, String, bool)> {
    x.entities
        .iter()
        .filter(|e| e.kind == EntityType::Person && e.minted_by.is_some())
        .map(|e| (e.label(lang).to_owned(), e.label("en").to_owned(), e.romanised))
        .collect()
}

#[test]
fn an_arabic_name_after_a_title_and_a_dash_is_minted_with_a_romanised_label() {
    let x = extraction("شارك وزير النفط والغاز المكلف - سالم رجب قرطبي، اليوم الثلاثاء، في أعمال قمة منظمة شنغهاي للتعاون.", "2025-04-15");
    let m = minted(&x, "ar");
    assert_eq!(m.len(), 1, "{m:?}");
    assert_eq!(m[0].0, "سالم رجب قرطبي");
    assert!(m[0].2, "the English label is marked as romanised");
    assert!(m[0].1.ends_with("Qaratabi"), "{m:?}");
    assert!(
        people(&x.facts)
            .iter()
            .any(|(k, who, org)| *k == FactKind::Attendance && who == &m[0].1 && org == "Shanghai Cooperation Organisation"),
        "{:?}",
        people(&x.facts)
    );
}

#[test]
fn an_arabic_minister_of_a_state_is_minted_with_the_office() {
    let x = extraction("وقال وزير الطاقة والمناجم الجزائري محمد قرطبي إن بلاده ستشارك في القمة المقبلة.", "2025-04-15");
    let m = minted(&x, "ar");
    assert_eq!(m.iter().map(|p| p.0.as_str()).collect::<Vec<_>>(), ["محمد قرطبي"]);
    let ps = people(&x.facts);
    assert!(ps.contains(&(FactKind::Office, m[0].1.clone(), "Algeria".into())), "{ps:?}");
    let office = x.facts.iter().find(|f| f.kind == FactKind::Office).unwrap();
    assert_eq!(office.code("position"), Some(crate::model::Code::Position(crate::model::Position::Minister)));
}

#[test]
fn words_after_an_arabic_title_that_are_no_name_mint_nobody() {
    for text in [
        // a verb in the future after the nationality
        "ولم يتضح بعد ما إذا كان الرئيس السوري سيلبي الدعوة إلى القمة.",
        // a purpose clause right after the title, with no state or nationality between
        "وأوفد الرئيس وزير الخارجية لتمثيل بلاده في القمة.",
        // a blessing in quotes after the title
        "وصل الشيخ محمد بن زايد آل نهيان رئيس الدولة \"حفظه الله\" إلى الرياض.",
    ] {
        let x = extraction(text, "2025-04-15");
        assert!(minted(&x, "ar").is_empty(), "{text}: {:?}", minted(&x, "ar"));
    }
}

#[test]
fn a_minister_of_a_portfolio_is_a_title_in_english_and_russian() {
    let x = extraction("Minister of Energy and Mines of Algeria Karim Oulmane opened the SCO summit in Astana.", "2025-04-15");
    let ps = people(&x.facts);
    assert!(ps.contains(&(FactKind::Office, "Karim Oulmane".into(), "Algeria".into())), "{ps:?}");
    let x = extraction("В саммите ШОС в Астане участвовал министр науки и высшего образования России Валерий Щеглов.", "2025-04-15");
    let ps = people(&x.facts);
    assert!(ps.iter().any(|(k, who, of)| *k == FactKind::Office && who.starts_with("Valer") && of == "Russia"), "{ps:?}");
}

#[test]
fn a_leader_who_stayed_away_while_someone_represented_him_leaves_his_state_attending() {
    let fs = facts(
        "Kenyan President Daniel Mwangi stayed away from the SCO summit in Astana and was represented by Foreign Minister Amina Odhiambo.",
        "2025-07-04",
    );
    let ps = people(&fs);
    let sco = "Shanghai Cooperation Organisation".to_owned();
    assert!(ps.contains(&(FactKind::Absence, "Daniel Mwangi".into(), sco.clone())), "{ps:?}");
    assert!(ps.contains(&(FactKind::Attendance, "Amina Odhiambo".into(), sco.clone())), "{ps:?}");
    assert!(ps.contains(&(FactKind::Attendance, "Kenya".into(), sco.clone())), "{ps:?}");
    // Someone else's leader coming is no one's representing Kenya.
    let fs = facts(
        "Kenyan President Daniel Mwangi did not attend the SCO summit in Astana, which Chinese President Xi Jinping attended.",
        "2025-07-04",
    );
    let ps = people(&fs);
    assert!(!ps.iter().any(|(k, who, _)| *k == FactKind::Attendance && who == "Kenya"), "{ps:?}");
}

#[test]
fn an_arabic_name_between_words_of_address_and_a_title_is_minted() {
    let x = extraction("وترأس وفد البحرين في قمة مجلس التعاون الخليجي معالي الأستاذ سالم بن راشد آل حمدان وزير الخارجية.", "2025-04-15");
    let m = minted(&x, "ar");
    assert_eq!(m.iter().map(|p| p.0.as_str()).collect::<Vec<_>>(), ["سالم بن راشد آل حمدان"], "{m:?}");
    // (each word spelt as known people's names spell it: "راشد" as in "… bin Rashid Al …")
    assert_eq!(m[0].1, "Salem bin Rashid Al Hamdan", "{m:?}");
    // Without words of address before it, a run before a title is no name.
    let x = extraction("وقال سالم بن راشد آل حمدان وزير الخارجية إن بلاده ستشارك في قمة مجلس التعاون الخليجي.", "2025-04-15");
    assert!(minted(&x, "ar").is_empty(), "{:?}", minted(&x, "ar"));
}

#[test]
fn a_title_right_after_a_name_is_that_names_and_not_the_next_ones_after_and() {
    // (invented holders: the title is the name's before it, in Arabic order)
    let fs = facts(
        "وألقى معالي أحمد أبو الغيط الأمين العام لجامعة الدول العربية ومعالي حسين إبراهيم طه الأمين العام لمنظمة التعاون الإسلامي كلمتين في القمة.",
        "2025-09-15",
    );
    let ps = people(&fs);
    assert!(ps.contains(&(FactKind::Office, "Ahmed Aboul Gheit".into(), "Arab League".into())), "{ps:?}");
    assert!(!ps.contains(&(FactKind::Office, "Hissein Brahim Taha".into(), "Arab League".into())), "{ps:?}");
    // the rest of a name matched short ("… بن عبد العزيز آل سعود") still puts the title on it
    let fs = facts(
        "وشارك في القمة الأمير محمد بن سلمان بن عبد العزيز آل سعود ولي العهد بالمملكة العربية السعودية، وجلالة الملك عبد الله الثاني ابن الحسين ملك المملكة الأردنية الهاشمية.",
        "2025-09-15",
    );
    let ps = people(&fs);
    assert!(ps.contains(&(FactKind::Office, "Mohammed bin Salman".into(), "Saudi Arabia".into())), "{ps:?}");
    assert!(!ps.iter().any(|(k, w, o)| *k == FactKind::Office && w == "King Abdullah II" && o == "Saudi Arabia"), "{ps:?}");
}

#[test]
fn a_plural_title_with_state_and_name_pairs_gives_each_name_its_state() {
    let x = extraction(
        "ويشارك في أشغال الدورة لمجلس التعاون الخليجي وزراء الداخلية المغربي كريم الساحلي والمصري نادر الشافعي والأردني مازن الفراية.",
        "2026-02-04",
    );
    let ps = people(&x.facts);
    let offices: Vec<&str> = ps.iter().filter(|(k, _, _)| *k == FactKind::Office).map(|(_, _, o)| o.as_str()).collect();
    assert_eq!(offices, ["Morocco", "Egypt", "Jordan"], "{ps:?}");
    assert_eq!(minted(&x, "ar").len(), 3, "{:?}", minted(&x, "ar"));
    let fs = facts(
        "В заседании СНГ приняли участие министры иностранных дел Казахстана Мурат Нуртлеу, Киргизии Жээнбек Кулубаев и Таджикистана Сироджиддин Мухриддин.",
        "2026-03-05",
    );
    let ps = people(&fs);
    for (who, of) in [("Murat Nurtleu", "Kazakhstan"), ("Jeenbek Kulubaev", "Kyrgyzstan"), ("Sirojiddin Muhriddin", "Tajikistan")] {
        assert!(ps.contains(&(FactKind::Office, who.into(), of.into())), "{who}: {ps:?}");
    }
}

#[test]
fn an_acronym_the_article_defines_beats_the_tables_one() {
    // "CSC" is a Correlates of War organisation's abbreviation; here it is the one defined.
    let x = extraction(
        "NEW DELHI, Nov 20 (Reuters) - The Colombo Security Conclave (CSC) met in New Delhi on Thursday. The CSC was founded in 2020.",
        "2025-11-20",
    );
    let orgs: Vec<&str> = x.facts.iter().filter_map(|f| f.entity("organization")).map(|e| e.label.as_str()).collect();
    assert!(!orgs.is_empty() && orgs.iter().all(|o| *o == "Colombo Security Conclave"), "{orgs:?}");
    // A known organisation's name in another spelling keeps the known organisation.
    let x = extraction("The Collective Security Treaty Organisation (CSTO) met in Astana on Thursday.", "2024-11-28");
    assert!(!x.entities.iter().any(|e| e.kind == EntityType::Organization && e.minted_by.is_some()), "{:?}", x.entities);
}

/// (person, state) of each office of a state.
fn offices_of(fs: &[Fact]) -> Vec<(String, String)> {
    people(fs).into_iter().filter(|p| p.0 == FactKind::Office).map(|p| (p.1, p.2)).collect()
}

#[test]
fn a_representative_with_a_title_and_no_state_holds_the_office_of_the_state_represented() {
    let has = |text: &str, who: &str, of: &str| {
        let fs = facts(text, "2025-06-03");
        assert!(offices_of(&fs).contains(&(who.to_owned(), of.to_owned())), "{text}: {:?}", offices_of(&fs));
    };
    // The state the clause of the verb opens with, not the place in it.
    has(
        "Peruvian President Dina Boluarte did not travel to Colombia and was represented by Foreign Minister Elmer Schialer.",
        "Elmer Schialer",
        "Peru",
    );
    has("Hungary, a member of the group, was represented by Defence Minister Kristof Szalay.", "Kristof Szalay", "Hungary");
    has("The Kenyan delegation was led by Defence Minister Soipan Tuya.", "Soipan Tuya", "Kenya");
    // The state of the leader who stayed away, named last before the verb.
    has(
        "The summit opened in Brasília, where Chinese President Xi Jinping was absent and was represented by Premier Li Qiang.",
        "Li Qiang",
        "China",
    );
    // After the name: the state the verb names.
    has("Foreign Minister Takeshi Iwaya, who arrived on Tuesday, represented Japan at the summit.", "Takeshi Iwaya", "Japan");
    // An organisation's officer is not the represented state's.
    let fs = facts("Hungary was represented by Secretary General Anna Kovacs.", "2025-06-03");
    assert!(!offices_of(&fs).iter().any(|o| o.1 == "Hungary"), "{:?}", offices_of(&fs));
}

#[test]
fn a_deputy_does_not_hold_the_office_of_the_title_after_the_word_of_deputy() {
    for text in [
        "Hungarian Deputy Foreign Minister Levente Magyar attended the summit.",
        "Hungary was represented by Deputy Foreign Minister Levente Magyar.",
        "В саммите участвовал заместитель министра иностранных дел Венгрии Левенте Мадьяр.",
    ] {
        let fs = facts(text, "2025-06-03");
        assert!(!people(&fs).iter().any(|p| p.0 == FactKind::Office && p.2 == "Hungary"), "{text}: {:?}", people(&fs));
    }
}

#[test]
fn a_title_with_its_state_after_a_name_and_a_comma_is_that_names() {
    let fs = facts("Cyril Ramaphosa, the South African president, sat a few seats away.", "2025-08-17");
    assert_eq!(offices_of(&fs), vec![("Cyril Ramaphosa".to_owned(), "South Africa".to_owned())]);
    // (no comma: the president is someone else)
    let fs = facts("Vladimir Putin told the Kazakh president that the talks went well.", "2025-08-17");
    assert!(offices_of(&fs).is_empty(), "{:?}", offices_of(&fs));
}

#[test]
fn a_former_title_is_no_office() {
    for text in
        ["Mark Rutte, a former Dutch prime minister, chaired the meeting.", "وشارك في القمة الرئيس الموريتاني السابق محمد ولد عبد العزيز."]
    {
        let fs = facts(text, "2025-06-25");
        assert!(offices_of(&fs).is_empty(), "{text}: {:?}", offices_of(&fs));
    }
}

#[test]
fn the_state_named_in_the_clause_of_the_representation_beats_an_earlier_leaders() {
    let fs = facts(
        "South Korean President Lee Jae Myung also stayed away, while Australia was represented by Deputy Prime Minister Richard Marles.",
        "2025-06-25",
    );
    assert!(offices_of(&fs).contains(&("Richard Marles".to_owned(), "Australia".to_owned())), "{:?}", offices_of(&fs));
}
