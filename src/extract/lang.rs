//! Language data: the pattern files of `ontology/patterns/` parsed once, and the word-level
//! morphology (endings, clitics) they declare.
//!
//! Morphology is chosen by the script of each word, not by the language of the document, so a
//! Russian name inside an English text still matches its case forms.

use crate::model::Position;
use crate::normalize::normalize;
use std::collections::HashMap;
use std::sync::OnceLock;

const FILES: [(&str, &str); 4] = [
    ("ar", include_str!("../../ontology/patterns/ar.tsv")),
    ("ru", include_str!("../../ontology/patterns/ru.tsv")),
    ("en", include_str!("../../ontology/patterns/en.tsv")),
    // (written by ontology/data/build/demonyms_en.py from PyPI countryinfo)
    ("en", include_str!("../../ontology/patterns/en-demonyms.tsv")),
];

/// A trigger class (the `[triggers]` keys of the pattern files).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Trigger {
    Attend,
    Represent,
    Host,
    Absent,
    Neg,
    Summit,
    Chair,
    From,
    To,
    Member,
    Join,
    Found,
    Observer,
    Partner,
    DialoguePartner,
    Associate,
    /// "anniversary", "годовщина", "ذكرى": a date by it is a jubilee's, not the founding's.
    Anniversary,
    /// "on behalf of", "in place of", "вместо", "نيابة عن": the person after it is absent.
    OnBehalf,
    /// "this status", "этот статус", "هذه الصفة": the role named in an earlier sentence.
    ThisStatus,
    /// "an active / full participant": the status is active (what a freeze is the opposite of).
    Active,
    /// "لا تزال", "ما زال": "still", which starts with a negation word but negates nothing.
    Still,
    Freeze,
    Suspend,
    Readmit,
    Withdraw,
    /// "leave", "exit", "выйти": a withdrawal only with the organisation as its object ("left
    /// ECOWAS", not "leaves for Japan").
    WithdrawFrom,
    Visit,
    Endorse,
    OrgRef,
    Capital,
    Say,
    /// "Leaders of the member states of X": the heads who attend are members.
    MemberLeaders,
    /// "applied for", "was invited to": what follows closely has not happened (yet).
    Pending,
    /// "X groups A, B and C", "В X входят …": a list of members after the organisation.
    Comprise,
    /// "he", "он": the person named last.
    Pronoun,
    /// "accompanied by", "в сопровождении", "يرافقه": who follows travels with the visitor and
    /// is not the visitor.
    Accompany,
    /// "founding members", "учредителями стали": the states listed are members since the
    /// organisation's founding.
    Founder,
    /// "since": the date after it is when a state of affairs began.
    Since,
    /// "two-day", "двухдневный", "يومين": a meeting's length in days.
    TwoDays,
    ThreeDays,
    /// "wrapped up", "завершился", "اختتمت", "will last until": the date by it is the last day.
    Closed,
    /// "which", "который", "التي": a relative pronoun, opening a clause about the name before it.
    RelPron,
    /// "who took office in June", "вступил в должность", "تولى منصبه": the date after it is
    /// when the person named before it began in the office the article gives.
    TookOffice,
    /// "gathered", "собрались", "اجتمع": a meeting when leaders are its subject.
    Convene,
    /// "leaders", "heads of state", "лидеры", "قادة": who meet at a summit.
    Leaders,
}

impl Trigger {
    fn from_key(k: &str) -> Option<Self> {
        use Trigger::*;
        Some(match k {
            "attend" => Attend,
            "represent" => Represent,
            "host" => Host,
            "absent" => Absent,
            "neg" => Neg,
            "summit" => Summit,
            "chair" => Chair,
            "from" => From,
            "to" => To,
            "member" => Member,
            "join" => Join,
            "found" => Found,
            "observer" => Observer,
            "partner" => Partner,
            "dialogue_partner" => DialoguePartner,
            "associate" => Associate,
            "this_status" => ThisStatus,
            "on_behalf" => OnBehalf,
            "anniversary" => Anniversary,
            "active" => Active,
            "still" => Still,
            "freeze" => Freeze,
            "suspend" => Suspend,
            "readmit" => Readmit,
            "withdraw" => Withdraw,
            "withdraw_from" => WithdrawFrom,
            "visit" => Visit,
            "endorse" => Endorse,
            "org_ref" => OrgRef,
            "capital" => Capital,
            "say" => Say,
            "member_leaders" => MemberLeaders,
            "pending" => Pending,
            "comprise" => Comprise,
            "pronoun" => Pronoun,
            "accompany" => Accompany,
            "founder" => Founder,
            "since" => Since,
            "two_days" => TwoDays,
            "three_days" => ThreeDays,
            "closed" => Closed,
            "rel_pron" => RelPron,
            "took_office" => TookOffice,
            "convene" => Convene,
            "leaders" => Leaders,
            _ => return None,
        })
    }
}

/// A relative date expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Relative {
    Today,
    Yesterday,
    Tomorrow,
    ThisYear,
    NextYear,
    LastYear,
    LastMonth,
    ThisMonth,
    /// "last" after a month name: the latest such month before the publication.
    Last,
    /// "the first half of 2025" (`false`: a year must follow), "the first half of the year"
    /// (`true`: this year): January to June.
    FirstHalf(bool),
    /// "the second half of 2025", "the second half of the year": July to December.
    SecondHalf(bool),
}

/// What a phrase of the pattern files means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pattern {
    Month(u8),
    Weekday(u8),
    /// An ordinal day of the month ("الأول من يناير").
    Ordinal(u8),
    Relative(Relative),
    /// A nationality adjective: the ISO alpha-2 code of the state.
    Nationality(&'static str),
    Title(Position),
    Trigger(Trigger),
}

/// Morphology of one script.
#[derive(Debug, Default, Clone)]
pub struct Morph {
    /// Endings stripped from a word (longest first) while the stem keeps `min_stem` letters.
    endings: Vec<String>,
    min_stem: usize,
    /// Words dropped from the token stream (the `s` of an English possessive).
    pub skip: Vec<String>,
    prefixes: Vec<String>,
    prefixes2: Vec<String>,
    article: Vec<String>,
    /// Suffixes of adjectives (Arabic nisba: ـي → ـية, ـيون, ـيين …).
    pub adj_suffixes: Vec<String>,
    /// Every combination of clitics (و + ب + ال, لل …), longest first.
    combos: Vec<String>,
}

/// The parsed pattern files.
#[derive(Debug, Default)]
pub struct LangData {
    pub latin: Morph,
    pub cyrillic: Morph,
    pub arabic: Morph,
    /// Every phrase (stemmed words joined by spaces) → its meanings.
    pub phrases: Vec<(String, Pattern)>,
    /// Languages that defined each weekday etc. are not needed: patterns are shared.
    pub lang_of_phrase: HashMap<String, &'static str>,
    /// Extra names of gazetteer entities (`[entities]`: a name, code or Q-id → names), with
    /// the name as written (to tell acronyms).
    pub entity_names: Vec<(String, String, String)>,
    /// `[place_prepositions]`: words after which a place name stands ("in", "в", "في"), stemmed.
    pub place_preps: Vec<String>,
    /// `[name_particles]`: lower-case words inside personal names ("bin", "de", "van"), stemmed.
    pub name_particles: Vec<String>,
    /// `[not_names]`: capitalised words that follow a title without being a name ("Office").
    pub not_names: Vec<String>,
    /// `[honorifics]`: words of address before a name ("معالي", "فخامة", "صاحب السمو"): an
    /// Arabic run of name words between them and a title is a name.
    pub honorifics: Vec<String>,
    /// `[deputies]`: words that make a title another's deputy ("Deputy Foreign Minister",
    /// «заместитель министра»), where no position of the pattern files names the deputy.
    pub deputies: Vec<String>,
    /// `[former]`: words that put a title in the past ("former", «бывший», «السابق»): no office.
    pub former: Vec<String>,
    /// `[future]`: words of the future tense or of what comes next ("will", "next", "سيعقد",
    /// "пройдет"): a month without its year after one, before the article's date, is next year's.
    pub future_words: Vec<String>,
    /// `[function_words]`: words an organisation's name may hold that its acronym may skip.
    pub function_words: Vec<String>,
    /// `[title_words]`: words that stand between a title and its holder's name: portfolios
    /// ("Minister of Energy and Mines", "министр науки и высшего образования", "وزير النفط
    /// والغاز"), "acting", "former", and the links between them.
    pub title_words: Vec<String>,
    /// `[org_heads]`: the nouns an organisation's name is built on ("Commission", "Forum",
    /// "Initiative"): a capitalised name after "the" that holds one is an organisation.
    pub org_heads: Vec<String>,
    /// `[abbreviations]`: words written with a full stop that does not end the sentence
    /// ("St. Kitts", "Mt. Kenya"), stemmed.
    pub abbreviations: Vec<String>,
}

/// The script of a word, from its first letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    Latin,
    Cyrillic,
    Arabic,
    Other,
}

pub fn script_of(word: &str) -> Script {
    match word.chars().find(|c| c.is_alphabetic()) {
        Some(c) if ('\u{0400}'..='\u{04FF}').contains(&c) => Script::Cyrillic,
        Some(c) if ('\u{0600}'..='\u{06FF}').contains(&c) || ('\u{0750}'..='\u{077F}').contains(&c) => Script::Arabic,
        Some(c) if c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c) => Script::Latin,
        _ => Script::Other,
    }
}

impl LangData {
    /// The data, parsed on first use.
    pub fn get() -> &'static LangData {
        static DATA: OnceLock<LangData> = OnceLock::new();
        DATA.get_or_init(|| {
            let mut d = LangData::default();
            for (lang, text) in FILES {
                d.parse(lang, text);
            }
            d
        })
    }

    pub fn morph(&self, s: Script) -> Option<&Morph> {
        match s {
            Script::Latin => Some(&self.latin),
            Script::Cyrillic => Some(&self.cyrillic),
            Script::Arabic => Some(&self.arabic),
            Script::Other => None,
        }
    }

    fn parse(&mut self, lang: &'static str, text: &str) {
        let mut section = String::new();
        let mut morph = Morph::default();
        let mut entries: Vec<(String, String, Vec<String>)> = Vec::new();
        // (a file without a [morph] section, such as en-demonyms.tsv, keeps the language's)
        let has_morph = text.lines().any(|l| l.trim() == "[morph]");
        for line in text.lines() {
            let line = line.trim_end();
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            if let Some(s) = line.trim().strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
                section = s.to_owned();
                continue;
            }
            let (key, vals) = line.split_once('\t').unwrap_or((line, ""));
            let vals: Vec<String> = vals.split('|').map(|v| v.trim().to_owned()).filter(|v| !v.is_empty()).collect();
            if section == "morph" {
                let norm = |v: &[String]| -> Vec<String> { v.iter().map(|x| x.to_lowercase()).collect() };
                match key.trim() {
                    "endings" => {
                        // Normalised like the text (й → и once its breve is dropped).
                        morph.endings = vals.iter().map(|v| normalize(v)).filter(|v| !v.is_empty()).collect();
                        morph.endings.dedup();
                        morph.endings.sort_by_key(|e| std::cmp::Reverse(e.chars().count()));
                    }
                    "min_stem" => morph.min_stem = vals.first().and_then(|v| v.parse().ok()).unwrap_or(3),
                    "skip" => morph.skip = norm(&vals),
                    "prefixes" => morph.prefixes = vals.iter().map(|v| normalize(v)).collect(),
                    "prefixes2" => morph.prefixes2 = vals.iter().map(|v| normalize(v)).collect(),
                    "article" => morph.article = vals.clone(),
                    "adj_suffixes" => morph.adj_suffixes = vals.iter().map(|v| normalize(v)).collect(),
                    _ => {}
                }
            } else {
                entries.push((section.clone(), key.trim().to_owned(), vals));
            }
        }
        if morph.min_stem == 0 {
            morph.min_stem = 3;
        }
        // Clitic combinations: [prefixes]? [prefixes2]? [article]?, and "لل" (ل + ال).
        let empty = String::new();
        let mut combos = Vec::new();
        for p1 in std::iter::once(&empty).chain(&morph.prefixes) {
            for p2 in std::iter::once(&empty).chain(&morph.prefixes2) {
                for a in std::iter::once(&empty).chain(&morph.article) {
                    let c = format!("{p1}{p2}{a}");
                    if !c.is_empty() && !combos.contains(&c) {
                        combos.push(c);
                    }
                }
            }
            if !morph.article.is_empty() {
                combos.push(format!("{p1}لل"));
            }
        }
        combos.sort_by_key(|c| std::cmp::Reverse(c.chars().count()));
        morph.combos = combos;
        match lang {
            _ if !has_morph => {}
            "ar" => self.arabic = morph,
            "ru" => self.cyrillic = morph,
            _ => self.latin = morph,
        }
        for (section, key, vals) in entries {
            let pat = match section.as_str() {
                "months" => key.parse().ok().filter(|m| (1..=12).contains(m)).map(Pattern::Month),
                "weekdays" => key.parse().ok().filter(|m| (1..=7).contains(m)).map(Pattern::Weekday),
                "ordinals" => key.parse().ok().filter(|m| (1..=31).contains(m)).map(Pattern::Ordinal),
                "relative" => match key.as_str() {
                    "today" => Some(Relative::Today),
                    "yesterday" => Some(Relative::Yesterday),
                    "tomorrow" => Some(Relative::Tomorrow),
                    "this_year" => Some(Relative::ThisYear),
                    "next_year" => Some(Relative::NextYear),
                    "last_year" => Some(Relative::LastYear),
                    "last_month" => Some(Relative::LastMonth),
                    "this_month" => Some(Relative::ThisMonth),
                    "last" => Some(Relative::Last),
                    "first_half" => Some(Relative::FirstHalf(false)),
                    "second_half" => Some(Relative::SecondHalf(false)),
                    "first_half_of_the_year" => Some(Relative::FirstHalf(true)),
                    "second_half_of_the_year" => Some(Relative::SecondHalf(true)),
                    _ => None,
                }
                .map(Pattern::Relative),
                "nationality" => Some(Pattern::Nationality(Box::leak(key.clone().into_boxed_str()))),
                "positions" => key.parse::<Position>().ok().map(Pattern::Title),
                "triggers" => Trigger::from_key(&key).map(Pattern::Trigger),
                _ => None,
            };
            let stemmed: Vec<String> = vals.iter().map(|v| self.stem(&normalize(v))).filter(|w| !w.is_empty()).collect();
            let word_list = match section.as_str() {
                "place_prepositions" => Some(&mut self.place_preps),
                "name_particles" => Some(&mut self.name_particles),
                "not_names" => Some(&mut self.not_names),
                "honorifics" => Some(&mut self.honorifics),
                "deputies" => Some(&mut self.deputies),
                "former" => Some(&mut self.former),
                "future" => Some(&mut self.future_words),
                "function_words" => Some(&mut self.function_words),
                "title_words" => Some(&mut self.title_words),
                "org_heads" => Some(&mut self.org_heads),
                "abbreviations" => Some(&mut self.abbreviations),
                _ => None,
            };
            if let Some(list) = word_list {
                for w in stemmed {
                    if !list.contains(&w) {
                        list.push(w);
                    }
                }
                continue;
            }
            if section == "entities" {
                for v in &vals {
                    let k = self.phrase_key(v);
                    if !k.is_empty() {
                        self.entity_names.push((key.clone(), k, v.clone()));
                    }
                }
                continue;
            }
            let Some(pat) = pat else { continue };
            for v in vals {
                let mut forms = vec![v.clone()];
                if matches!(pat, Pattern::Nationality(_)) && lang == "ar" {
                    let base = normalize(&v);
                    forms = vec![base.clone()];
                    for s in self.arabic.adj_suffixes.clone() {
                        forms.push(format!("{base}{s}"));
                    }
                }
                for f in forms {
                    let key = self.phrase_key(&f);
                    if !key.is_empty() {
                        self.lang_of_phrase.entry(key.clone()).or_insert(lang);
                        self.phrases.push((key, pat));
                    }
                }
            }
        }
    }

    /// The stemmed key of a phrase (as matched against the text).
    pub fn phrase_key(&self, phrase: &str) -> String {
        words(&normalize(phrase)).map(|w| self.stem(w)).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
    }

    /// The stem of a normalised word: the longest declared ending removed.
    pub fn stem(&self, word: &str) -> String {
        let Some(m) = self.morph(script_of(word)) else { return word.to_owned() };
        if m.skip.iter().any(|s| s == word) {
            return String::new();
        }
        let n = word.chars().count();
        for e in &m.endings {
            let el = e.chars().count();
            if n >= el + m.min_stem && word.ends_with(e.as_str()) {
                return word[..word.len() - e.len()].to_owned();
            }
        }
        word.to_owned()
    }

    /// The forms a word may have without its clitics (Arabic), the word itself first.
    pub fn variants(&self, word: &str) -> Vec<String> {
        let stem = self.stem(word);
        let mut out = vec![stem];
        if script_of(word) != Script::Arabic {
            return out;
        }
        for pre in &self.arabic.combos {
            if let Some(rest) = word.strip_prefix(pre.as_str()) {
                if rest.chars().count() >= 3 && !out.iter().any(|o| o == rest) {
                    out.push(rest.to_owned());
                }
            }
        }
        out
    }
}

/// The words of a normalised text (runs of letters and digits).
pub fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_case_forms_share_a_stem() {
        let d = LangData::get();
        let s = |w: &str| d.stem(&normalize(w));
        assert_eq!(s("Армения"), s("Армении"));
        assert_eq!(s("Армения"), s("Арменией"));
        assert_eq!(s("Киргизия"), s("Киргизии"));
        assert_eq!(s("Токаев"), s("Токаева"));
        assert_eq!(s("российский"), s("российского"));
        assert_eq!(s("ОДКБ"), "одкб");
    }

    #[test]
    fn arabic_clitics_are_stripped() {
        let d = LangData::get();
        let v = d.variants(&normalize("وبيلاروس"));
        assert!(v.contains(&normalize("بيلاروس")));
        let v = d.variants(&normalize("والصين"));
        assert!(v.contains(&normalize("الصين")));
        let v = d.variants(&normalize("للتعاون"));
        assert!(v.contains(&"تعاون".to_owned()));
    }

    #[test]
    fn pattern_files_parse() {
        let d = LangData::get();
        assert!(d.phrases.iter().any(|(k, p)| k == &d.phrase_key("ноября") && *p == Pattern::Month(11)));
        assert!(d.phrases.iter().any(|(k, p)| k == &normalize("الروسية") && *p == Pattern::Nationality("RU")));
    }
}
