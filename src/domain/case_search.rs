//! Ranked search of past cases (issue 14, item 2; docs/decisions/0009-case-search.md): text
//! in its NFKC, lower-cased form cut into positional CJK bigrams, an inverted index scored
//! with BM25, the trouble words of `data/case_thesaurus.txt` (寝坊 also finds 遅刻 and
//! 生活リズム), and a boost for cases in the same situation (same category, a similar
//! month of tenure, the same kind of job) and for cases others noted as helpful.
//!
//! Pure: the index is built and searched in memory; `crate::cases` feeds it from the
//! database and keeps it fresh.

use std::collections::HashMap;
use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;

mod postings;
use postings::Postings;

/// The longest query, in characters, after trimming.
pub const MAX_QUERY_CHARS: usize = 200;

/// BM25's usual constants (Robertson & Zaragoza 2009).
const K1: f32 = 1.2;
const B: f32 = 0.75;
/// A thesaurus word counts less than the word typed.
const SYNONYM_WEIGHT: f32 = 0.6;
/// A word of up to this many bigrams (5 characters) must be found whole; a longer one is
/// a sentence, searched loosely.
const STRICT_BIGRAMS: usize = 4;

/// NFKC and lower case: ｶﾀｶﾅ is カタカナ, ＡＢＣ is abc, the same for indexing and query.
pub fn normalise(text: &str) -> String {
    text.nfkc().flat_map(char::to_lowercase).collect()
}

/// The runs of letters and digits of normalised text (punctuation and spaces split them).
fn runs(normalised: &str) -> Vec<Vec<char>> {
    let mut out = Vec::new();
    let mut run = Vec::new();
    for c in normalised.chars() {
        if c.is_alphanumeric() {
            run.push(c);
        } else if !run.is_empty() {
            out.push(std::mem::take(&mut run));
        }
    }
    if !run.is_empty() {
        out.push(run);
    }
    out
}

fn key(a: char, b: Option<char>) -> u64 {
    ((a as u64) << 32) | b.map_or(0, |b| b as u64)
}

/// The positional bigrams of a run, in order (遅刻した → 遅刻, 刻し, した); a run of one
/// character is its own token.
fn run_tokens(run: &[char]) -> Vec<u64> {
    if run.len() == 1 {
        return vec![key(run[0], None)];
    }
    run.windows(2).map(|w| key(w[0], Some(w[1]))).collect()
}

/// Every token of a text, in order.
pub fn tokens(text: &str) -> Vec<u64> {
    runs(&normalise(text))
        .iter()
        .flat_map(|r| run_tokens(r))
        .collect()
}

/// Why a query cannot be searched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryProblem {
    TooLong,
    /// Only symbols or spaces: nothing to look for.
    NoWords,
}

impl QueryProblem {
    pub fn key(self) -> &'static str {
        match self {
            QueryProblem::TooLong => "case.err.too_long",
            QueryProblem::NoWords => "case.err.no_words",
        }
    }
}

/// The query as typed, trimmed: empty is allowed (browse by category), over
/// `MAX_QUERY_CHARS` or symbols only is not.
pub fn check_query(typed: &str) -> Result<String, QueryProblem> {
    let q = typed.trim();
    if q.chars().count() > MAX_QUERY_CHARS {
        return Err(QueryProblem::TooLong);
    }
    if !q.is_empty() && runs(&normalise(q)).is_empty() {
        return Err(QueryProblem::NoWords);
    }
    Ok(q.to_string())
}

/// The domain thesaurus: a word and the words it also finds.
#[derive(Debug, Clone, Default)]
pub struct Thesaurus {
    entries: Vec<(String, Vec<String>)>,
}

impl Thesaurus {
    /// Reads the `word = other、other` lines; `#` starts a comment.
    pub fn parse(text: &str) -> Thesaurus {
        let entries = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter_map(|l| l.split_once('='))
            .map(|(word, others)| {
                let others = others
                    .split(['、', ','])
                    .map(|w| normalise(w.trim()))
                    .filter(|w| !w.is_empty())
                    .collect();
                (normalise(word.trim()), others)
            })
            .filter(|(w, _): &(String, Vec<String>)| !w.is_empty())
            .collect();
        Thesaurus { entries }
    }

    /// The thesaurus of `data/case_thesaurus.txt`.
    pub fn builtin() -> &'static Thesaurus {
        static T: OnceLock<Thesaurus> = OnceLock::new();
        T.get_or_init(|| Thesaurus::parse(include_str!("../../data/case_thesaurus.txt")))
    }

    /// The other words for a normalised query word: those of every entry whose word it
    /// contains (寝坊した contains 寝坊), without the word itself.
    pub fn expand(&self, word: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for (w, others) in &self.entries {
            if word.contains(w.as_str()) {
                for o in others {
                    if o != word && !out.contains(o) {
                        out.push(o.clone());
                    }
                }
            }
        }
        out
    }
}

/// A case as the index sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseDoc {
    pub id: i64,
    pub office_id: i64,
    pub category: String,
    pub tenure_month: Option<i64>,
    pub job_type: String,
    pub helpful: i64,
    /// Everything searchable, joined (anonymised already).
    pub text: String,
}

/// The situation of the concern being recorded, for ranking.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Situation {
    pub category: Option<String>,
    pub tenure_month: Option<i64>,
    pub job_type: Option<String>,
}

/// The facts of one slot the ranking reads (32 bytes a case): labels stand for the office,
/// category and kind of job.
#[derive(Debug, Clone)]
struct Meta {
    id: i64,
    office: u32,
    len: u32,
    helpful: u32,
    /// The month of tenure, `NO_TENURE` when unknown.
    tenure: i32,
    category: u16,
    job: u16,
    alive: bool,
}

const NO_TENURE: i32 = i32::MIN;

/// What to look for.
pub struct Search<'a> {
    pub text: &'a str,
    /// Only cases of this category.
    pub category: Option<&'a str>,
    pub situation: &'a Situation,
    /// Whether a case of that office may be shown to the searcher (asked once per office).
    pub visible: &'a dyn Fn(i64) -> bool,
    pub limit: usize,
}

/// A found case and its score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    pub id: i64,
    pub score: f32,
}

/// The inverted index. Slots are given in order, so every posting list is sorted; a case
/// changed or removed leaves its old slot dead until the index is rebuilt.
#[derive(Debug, Clone, Default)]
pub struct Index {
    metas: Vec<Meta>,
    /// Each slot's length in tokens, apart from `metas`: BM25 reads it for every posting.
    lens: Vec<u32>,
    slot_of: HashMap<i64, u32>,
    postings: HashMap<u64, Postings>,
    labels: Vec<String>,
    /// The office of each office label.
    offices: Vec<i64>,
    office_label: HashMap<i64, u32>,
    total_len: u64,
    live: u32,
}

/// (slot, score), in no particular order.
type Scores = Vec<(u32, f32)>;

/// Sentences are scored on their rarest bigrams only: more add time, not meaning.
const LOOSE_BIGRAMS: usize = 8;

/// A dense score per slot, with the slots touched so it is cleared in their time only.
#[derive(Debug, Default)]
struct Acc {
    score: Vec<f32>,
    count: Vec<u8>,
    touched: Vec<u32>,
}

impl Acc {
    fn fit(&mut self, slots: usize) {
        if self.score.len() < slots {
            self.score.resize(slots, 0.0);
            self.count.resize(slots, 0);
        }
    }

    fn touch(&mut self, slot: u32) -> usize {
        let i = slot as usize;
        if self.count[i] == 0 {
            self.touched.push(slot);
        }
        self.count[i] = self.count[i].saturating_add(1);
        i
    }

    fn add(&mut self, slot: u32, score: f32) {
        let i = self.touch(slot);
        self.score[i] += score;
    }

    fn max(&mut self, slot: u32, score: f32) {
        let i = self.touch(slot);
        self.score[i] = self.score[i].max(score);
    }

    /// The slots touched at least `need` times with their scores; the accumulator cleared.
    fn drain(&mut self, need: u8) -> Scores {
        let mut out = Vec::with_capacity(self.touched.len());
        for slot in self.touched.drain(..) {
            let i = slot as usize;
            if self.count[i] >= need {
                out.push((slot, self.score[i]));
            }
            self.score[i] = 0.0;
            self.count[i] = 0;
        }
        out
    }
}

/// The accumulators of one thread's searches, kept between searches: (all words, the
/// best form of one word, one sentence).
#[derive(Debug, Default)]
struct Scratch {
    total: Acc,
    word: Acc,
    phrase: Acc,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
}

/// BM25 for one search: the constants of the collection at this moment.
struct Bm25 {
    n: f32,
    avg: f32,
}

impl Bm25 {
    fn idf(&self, df: usize) -> f32 {
        let df = df as f32;
        (1.0 + (self.n - df + 0.5) / (df + 0.5)).ln().max(0.0)
    }

    fn score(&self, idf: f32, tf: u8, len: u32) -> f32 {
        let tf = f32::from(tf);
        idf * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len as f32 / self.avg))
    }
}

impl Index {
    pub fn new() -> Index {
        Index::default()
    }

    /// Cases in the index.
    pub fn len(&self) -> usize {
        self.live as usize
    }

    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    /// Distinct tokens, postings, and the bytes the postings take compressed, without
    /// their skip entries (for the benchmark's report).
    pub fn size(&self) -> (usize, usize, usize) {
        (
            self.postings.len(),
            self.postings.values().map(Postings::len).sum(),
            self.postings.values().map(Postings::encoded_bytes).sum(),
        )
    }

    /// The bytes the index holds on the heap, about (for the benchmark's report).
    pub fn heap_bytes(&self) -> usize {
        let postings: usize = self
            .postings
            .values()
            .map(|p| p.heap_bytes() + std::mem::size_of::<(u64, Postings)>() + 8)
            .sum();
        postings
            + self.metas.capacity() * std::mem::size_of::<Meta>()
            + self.lens.capacity() * 4
            + self.slot_of.capacity() * 16
            + self.office_label.capacity() * 16
            + self.offices.capacity() * 8
    }

    /// Gives back the room the posting lists grew into (after building).
    pub fn compact(&mut self) {
        for p in self.postings.values_mut() {
            p.compact();
        }
        self.metas.shrink_to_fit();
        self.lens.shrink_to_fit();
    }

    fn label(&mut self, s: &str) -> u16 {
        match self.labels.iter().position(|l| l == s) {
            Some(i) => i as u16,
            None => {
                self.labels.push(s.to_string());
                (self.labels.len() - 1) as u16
            }
        }
    }

    fn label_of(&self, s: &str) -> Option<u16> {
        self.labels.iter().position(|l| l == s).map(|i| i as u16)
    }

    fn office(&mut self, office_id: i64) -> u32 {
        let next = self.offices.len() as u32;
        let label = *self.office_label.entry(office_id).or_insert(next);
        if label == next {
            self.offices.push(office_id);
        }
        label
    }

    /// Adds the case, or replaces the one with its id.
    pub fn upsert(&mut self, doc: CaseDoc) {
        self.remove(doc.id);
        let toks = tokens(&doc.text);
        let slot = self.metas.len() as u32;
        let mut tf: HashMap<u64, u32> = HashMap::new();
        for t in &toks {
            *tf.entry(*t).or_default() += 1;
        }
        for (k, n) in tf {
            // Slots are given out in order: each list grows at its end.
            self.postings
                .entry(k)
                .or_default()
                .push(slot, n.min(255) as u8);
        }
        let category = self.label(&doc.category);
        let job = self.label(&doc.job_type);
        let office = self.office(doc.office_id);
        self.metas.push(Meta {
            id: doc.id,
            office,
            len: toks.len() as u32,
            helpful: doc.helpful.clamp(0, i64::from(u32::MAX)) as u32,
            tenure: doc
                .tenure_month
                .map_or(NO_TENURE, |t| t.clamp(-9999, 9999) as i32),
            category,
            job,
            alive: true,
        });
        self.lens.push(toks.len() as u32);
        self.slot_of.insert(doc.id, slot);
        self.total_len += toks.len() as u64;
        self.live += 1;
    }

    pub fn remove(&mut self, id: i64) {
        if let Some(slot) = self.slot_of.remove(&id) {
            let m = &mut self.metas[slot as usize];
            m.alive = false;
            self.total_len -= u64::from(m.len);
            self.live -= 1;
        }
    }

    fn bm25(&self) -> Bm25 {
        let n = self.live.max(1) as f32;
        Bm25 {
            n,
            avg: (self.total_len as f32 / n).max(1.0),
        }
    }

    /// Adds a posting list's BM25 to the accumulator (`max` for the one-character search).
    fn accumulate(&self, p: &Postings, bm: &Bm25, weight: f32, acc: &mut Acc, max: bool) {
        let idf = bm.idf(p.len()) * weight;
        for (slot, tf) in p.iter() {
            let s = bm.score(idf, tf, self.lens[slot as usize]);
            if max {
                acc.max(slot, s);
            } else {
                acc.add(slot, s);
            }
        }
    }

    /// The cases holding every bigram of the phrase, scored by the sum of their BM25.
    fn phrase(&self, phrase: &str, bm: &Bm25, acc: &mut Acc) -> Scores {
        let mut keys: Vec<u64> = runs(phrase).iter().flat_map(|r| run_tokens(r)).collect();
        keys.sort_unstable();
        keys.dedup();
        if keys.is_empty() {
            return Vec::new();
        }
        if keys.len() == 1 && keys[0] & 0xffff_ffff == 0 {
            return self.single_char(keys[0], bm, acc);
        }
        if keys.len() > STRICT_BIGRAMS {
            return self.loose(&keys, bm, acc);
        }
        let mut lists: Vec<&Postings> = Vec::with_capacity(keys.len());
        for k in &keys {
            match self.postings.get(k) {
                Some(p) => lists.push(p),
                None => return Vec::new(),
            }
        }
        // The rarest list first: the others are only searched for its slots, skipping
        // the blocks between them.
        lists.sort_by_key(|p| p.len());
        let idf = bm.idf(lists[0].len());
        let mut found: Scores = lists[0]
            .iter()
            .map(|(s, tf)| (s, bm.score(idf, tf, self.lens[s as usize])))
            .collect();
        for p in &lists[1..] {
            let idf = bm.idf(p.len());
            let mut cursor = p.iter();
            found.retain_mut(|(slot, score)| match cursor.seek(*slot) {
                Some((at, tf)) if at == *slot => {
                    *score += bm.score(idf, tf, self.lens[*slot as usize]);
                    true
                }
                _ => false,
            });
            if found.is_empty() {
                break;
            }
        }
        found
    }

    /// A sentence (a hearing's words): the cases holding at least a third of its bigrams,
    /// scored by the sum of their BM25. Bigrams in more than a third of all cases (した,
    /// ている…) say little and would make the search slow: they are left out; of the rest,
    /// only the `LOOSE_BIGRAMS` rarest count (a third of those must be found).
    fn loose(&self, keys: &[u64], bm: &Bm25, acc: &mut Acc) -> Scores {
        let common = (self.live as usize / 3).max(10);
        let mut lists: Vec<&Postings> = keys
            .iter()
            .filter_map(|k| self.postings.get(k))
            .filter(|p| p.len() <= common)
            .collect();
        lists.sort_by_key(|p| p.len());
        lists.truncate(LOOSE_BIGRAMS);
        let need = keys.len().min(LOOSE_BIGRAMS).div_ceil(3);
        for p in lists {
            self.accumulate(p, bm, 1.0, acc, false);
        }
        acc.drain(need as u8)
    }

    /// One character: every case with a token holding it.
    fn single_char(&self, unigram: u64, bm: &Bm25, acc: &mut Acc) -> Scores {
        let c = unigram >> 32;
        for (k, p) in &self.postings {
            if k >> 32 == c || k & 0xffff_ffff == c {
                self.accumulate(p, bm, 1.0, acc, true);
            }
        }
        acc.drain(1)
    }

    /// The best `limit` visible cases for the search, best first.
    pub fn search(&self, s: &Search<'_>, thesaurus: &Thesaurus) -> Vec<Hit> {
        let filter = match s.category {
            Some(c) => match self.label_of(c) {
                Some(l) => Some(l),
                None => return Vec::new(),
            },
            None => None,
        };
        // Asked once per office, not once per case.
        let visible: Vec<bool> = self.offices.iter().map(|o| (s.visible)(*o)).collect();
        let words: Vec<String> = normalise(s.text)
            .split_whitespace()
            .filter(|w| !runs(w).is_empty())
            .map(str::to_string)
            .collect();
        if words.is_empty() {
            // Browsing a category: the newest cases first.
            if filter.is_none() {
                return Vec::new();
            }
            return self
                .metas
                .iter()
                .rev()
                .filter(|m| m.alive && Some(m.category) == filter && visible[m.office as usize])
                .take(s.limit)
                .map(|m| Hit {
                    id: m.id,
                    score: 0.0,
                })
                .collect();
        }
        let bm = self.bm25();
        let total = SCRATCH.with_borrow_mut(|scratch| {
            let Scratch {
                total,
                word,
                phrase,
            } = scratch;
            for acc in [&mut *total, &mut *word, &mut *phrase] {
                acc.fit(self.metas.len());
            }
            // Each word scores a case by its best form (itself, or a thesaurus word at
            // `SYNONYM_WEIGHT`); the words' scores add up.
            for w in &words {
                for (slot, score) in self.phrase(w, &bm, phrase) {
                    word.max(slot, score);
                }
                for other in thesaurus.expand(w) {
                    for (slot, score) in self.phrase(&other, &bm, phrase) {
                        word.max(slot, score * SYNONYM_WEIGHT);
                    }
                }
                for (slot, score) in word.drain(1) {
                    total.add(slot, score);
                }
            }
            total.drain(1)
        });
        let situation_cat = s
            .situation
            .category
            .as_deref()
            .and_then(|c| self.label_of(c));
        let situation_job = s
            .situation
            .job_type
            .as_deref()
            .and_then(|j| self.label_of(j));
        let mut hits: Vec<Hit> = total
            .into_iter()
            .filter_map(|(slot, score)| {
                let m = &self.metas[slot as usize];
                if !m.alive
                    || filter.is_some_and(|f| f != m.category)
                    || !visible[m.office as usize]
                {
                    return None;
                }
                let mut boost = 1.0;
                if situation_cat == Some(m.category) {
                    boost += 0.5;
                }
                if let Some(a) = s.situation.tenure_month
                    && m.tenure != NO_TENURE
                    && (a - i64::from(m.tenure)).abs() <= 2
                {
                    boost += 0.3;
                }
                if situation_job == Some(m.job) {
                    boost += 0.3;
                }
                if m.helpful > 0 {
                    boost += 0.1 * (m.helpful as f32).ln_1p();
                }
                Some(Hit {
                    id: m.id,
                    score: score * boost,
                })
            })
            .collect();
        let by_rank = |a: &Hit, b: &Hit| b.score.total_cmp(&a.score).then(b.id.cmp(&a.id));
        if hits.len() > s.limit && s.limit > 0 {
            hits.select_nth_unstable_by(s.limit - 1, by_rank);
            hits.truncate(s.limit);
        }
        hits.sort_by(by_rank);
        hits.truncate(s.limit);
        hits
    }
}

/// The kind of job from a job title, coarse enough to identify nobody.
pub fn job_type(title: &str) -> &'static str {
    let t = normalise(title);
    const KINDS: [(&str, &[&str]); 7] = [
        (
            "office",
            &["事務", "データ", "入力", "総務", "経理", "受付"],
        ),
        ("it", &["it", "プログラ", "システム", "エンジニア", "web"]),
        ("cleaning", &["清掃", "クリーン", "ビル管理"]),
        (
            "manufacturing",
            &["製造", "工場", "組立", "軽作業", "検品", "加工"],
        ),
        ("logistics", &["物流", "倉庫", "ピッキング", "配送", "仕分"]),
        (
            "service",
            &["販売", "接客", "飲食", "調理", "店", "レジ", "品出し"],
        ),
        ("care", &["介護", "看護", "保育", "福祉"]),
    ];
    KINDS
        .iter()
        .find(|(_, words)| words.iter().any(|w| t.contains(w)))
        .map_or("other", |(kind, _)| kind)
}

/// The coarse disability category of a case: the one category, or `multiple`, or `none`
/// (the client's comma-separated codes).
pub fn disability_group(codes: &str) -> &'static str {
    let codes: Vec<&str> = codes.split(',').filter(|c| !c.is_empty()).collect();
    match codes.as_slice() {
        [] => "none",
        [one] => match *one {
            "physical" => "physical",
            "intellectual" => "intellectual",
            "mental" => "mental",
            "developmental" => "developmental",
            "intractable" => "intractable",
            _ => "none",
        },
        _ => "multiple",
    }
}

/// The month of tenure on `day` for a job begun on `hired` (the first month is 1); `None`
/// before the hire date.
pub fn tenure_month(hired: time::Date, day: time::Date) -> Option<i64> {
    if day < hired {
        return None;
    }
    let months = (day.year() - hired.year()) as i64 * 12 + day.month() as i64
        - hired.month() as i64
        - i64::from(day.day() < hired.day());
    Some(months + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn doc(id: i64, office: i64, category: &str, tenure: i64, text: &str) -> CaseDoc {
        CaseDoc {
            id,
            office_id: office,
            category: category.into(),
            tenure_month: Some(tenure),
            job_type: "office".into(),
            helpful: 0,
            text: text.into(),
        }
    }

    fn index() -> Index {
        let mut i = Index::new();
        i.upsert(doc(
            1,
            1,
            "lateness_absence",
            10,
            "朝起きられず遅刻が続いた。目覚ましを二つにした",
        ));
        i.upsert(doc(
            2,
            1,
            "relationships",
            5,
            "上司に注意されて落ち込んだ。上司との関係を面談で整理",
        ));
        i.upsert(doc(
            3,
            2,
            "medication",
            8,
            "薬の飲み忘れ。服薬カレンダーを使う",
        ));
        i.upsert(doc(
            4,
            2,
            "lateness_absence",
            3,
            "遅刻が三回続いた。生活リズムを見直して目覚ましを使う",
        ));
        i.upsert(doc(
            5,
            3,
            "other",
            1,
            "東京都の研修に参加。ジョブコーチと同行",
        ));
        i
    }

    fn ids(index: &Index, text: &str, visible: &dyn Fn(i64) -> bool) -> Vec<i64> {
        let situation = Situation::default();
        let s = Search {
            text,
            category: None,
            situation: &situation,
            visible,
            limit: 5,
        };
        let mut got: Vec<i64> = index
            .search(&s, Thesaurus::builtin())
            .iter()
            .map(|h| h.id)
            .collect();
        got.sort();
        got
    }

    #[test]
    fn finds_by_meaning_and_by_substring() {
        let i = index();
        let all = |_: i64| true;
        let cases: [(&str, &[i64]); 10] = [
            ("遅刻", &[1, 4]),
            // The thesaurus: 寝坊 finds the 遅刻 cases, 怒られた the relationship case.
            ("寝坊", &[1, 4]),
            ("寝坊してしまう", &[1, 4]),
            ("怒られた", &[2]),
            ("薬を飲み忘れ", &[3]),
            // Sub-words of compounds, and full-width / half-width forms.
            ("コーチ", &[5]),
            ("ｼﾞｮﾌﾞ", &[5]),
            ("京都", &[5]),
            // One character: the fallback over every token holding it.
            ("薬", &[3]),
            ("宇宙", &[]),
        ];
        for (q, expected) in cases {
            assert_eq!(ids(&i, q, &all), expected, "{q}");
        }
    }

    #[test]
    fn a_sentence_finds_cases_sharing_enough_of_it() {
        let i = index();
        // 寝坊 in the sentence brings the thesaurus in; the words themselves match loosely.
        assert_eq!(
            ids(&i, "朝になかなか起きられず寝坊してしまう", &|_| true),
            [1, 4]
        );
        assert_eq!(
            ids(&i, "上司に注意されて落ち込んでいる", &|_| {
                true
            }),
            [2]
        );
    }

    #[test]
    fn a_long_sentence_counts_its_rarest_bigrams_and_leaves_nothing_behind() {
        let i = index();
        // 17 bigrams: only the 8 rarest weigh in, and a third of those must be found.
        let sentence = "上司に注意されて落ち込んでから職場で話せなくなった";
        assert_eq!(ids(&i, sentence, &|_| true), [2]);
        // The accumulators are cleared after each search: the same answers again, in any order.
        assert_eq!(ids(&i, "薬", &|_| true), [3]);
        assert_eq!(ids(&i, sentence, &|_| true), [2]);
        assert_eq!(ids(&i, "遅刻", &|_| true), [1, 4]);
    }

    #[test]
    fn never_shows_a_case_of_an_office_not_visible() {
        let i = index();
        assert_eq!(ids(&i, "遅刻", &|o| o == 1), [1]);
        assert_eq!(ids(&i, "遅刻", &|_| false), Vec::<i64>::new());
    }

    #[test]
    fn the_situation_ranks_a_similar_month_of_tenure_first() {
        let i = index();
        let first = |tenure: i64, category: &str| {
            let situation = Situation {
                category: Some(category.into()),
                tenure_month: Some(tenure),
                job_type: Some("office".into()),
            };
            let s = Search {
                text: "遅刻",
                category: None,
                situation: &situation,
                visible: &|_| true,
                limit: 5,
            };
            i.search(&s, Thesaurus::builtin()).first().map(|h| h.id)
        };
        // Cases 1 (10th month) and 4 (3rd month) both tell of 遅刻.
        assert_eq!(first(3, "lateness_absence"), Some(4));
        assert_eq!(first(10, "lateness_absence"), Some(1));
    }

    #[test]
    fn a_changed_case_replaces_the_old_one() {
        let mut i = index();
        i.upsert(doc(1, 1, "lateness_absence", 2, "残業が多い"));
        assert_eq!(ids(&i, "遅刻", &|_| true), [4]);
        assert_eq!(ids(&i, "残業", &|_| true), [1]);
        i.remove(4);
        assert_eq!(ids(&i, "遅刻", &|_| true), Vec::<i64>::new());
        assert_eq!(i.len(), 4);
    }

    #[test]
    fn queries_are_checked() {
        let long = "あ".repeat(MAX_QUERY_CHARS + 1);
        let cases: [(&str, Result<&str, QueryProblem>); 5] = [
            ("  遅刻 ", Ok("遅刻")),
            ("", Ok("")),
            ("！？・…", Err(QueryProblem::NoWords)),
            ("@@@ ###", Err(QueryProblem::NoWords)),
            (&long, Err(QueryProblem::TooLong)),
        ];
        for (q, expected) in cases {
            assert_eq!(check_query(q).as_deref().map_err(|e| *e), expected, "{q}");
        }
    }

    #[test]
    fn normalises_width_and_case() {
        assert_eq!(normalise("ｶﾀｶﾅ ＡＢＣ１"), "カタカナ abc1");
        assert_eq!(tokens("遅刻した"), tokens("遅刻した"));
        assert_eq!(tokens("遅刻").len(), 1);
        assert_eq!(tokens("遅").len(), 1);
    }

    #[test]
    fn coarse_facts() {
        let jobs = [
            ("一般事務（データ入力）", "office"),
            ("倉庫内ピッキング", "logistics"),
            ("ビル清掃", "cleaning"),
            ("ＩＴサポート", "it"),
            ("研究職", "other"),
        ];
        for (title, kind) in jobs {
            assert_eq!(job_type(title), kind, "{title}");
        }
        assert_eq!(disability_group(""), "none");
        assert_eq!(disability_group("mental"), "mental");
        assert_eq!(disability_group("mental,developmental"), "multiple");
        let tenure = [
            (date!(2026 - 04 - 01), date!(2026 - 04 - 01), Some(1)),
            (date!(2026 - 04 - 15), date!(2026 - 05 - 14), Some(1)),
            (date!(2026 - 04 - 15), date!(2026 - 05 - 15), Some(2)),
            (date!(2026 - 04 - 01), date!(2027 - 03 - 31), Some(12)),
            (date!(2026 - 04 - 01), date!(2026 - 03 - 31), None),
        ];
        for (hired, day, month) in tenure {
            assert_eq!(tenure_month(hired, day), month, "{hired} {day}");
        }
    }
}
