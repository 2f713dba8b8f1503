//! The participation statistics (`/moderation/stats`).

use super::Locale;
use crate::stats::{AgeGroup, Process};

pub struct StatsTexts {
    pub title: &'static str,
    pub lead: &'static str,
    pub suppressed: &'static str,
    pub span: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub month_hint: &'static str,
    pub show: &'static str,
    pub csv: &'static str,
    pub totals: &'static str,
    pub by_month: &'static str,
    pub by_channel: &'static str,
    pub by_district: &'static str,
    pub by_age: &'static str,
    pub by_age_hint: &'static str,
    pub district_hint: &'static str,
    pub month: &'static str,
    pub process: &'static str,
    pub channel: &'static str,
    pub district: &'static str,
    pub age: &'static str,
    pub count: &'static str,
    pub unknown: &'static str,
    /// Consultations (remarks), civic budget (votes), local initiatives (applications).
    pub processes: [&'static str; 3],
    /// online, paper (the civic budget's channels).
    pub vote_channels: [&'static str; 2],
    /// residents, ngo, district_council (who applied for an initiative).
    pub applicants: [&'static str; 3],
    pub nav: &'static str,
}

const PL: StatsTexts = StatsTexts {
    title: "Statystyki udziału",
    lead: "Ile osób wzięło udział w konsultacjach, budżecie obywatelskim i inicjatywach lokalnych: do sprawozdań, odpowiedzi radnym i na wnioski o informację publiczną.",
    suppressed: "Tylko dane zbiorcze. Liczby od 1 do 4 są ukryte („<5”), żeby żadnej osoby nie dało się rozpoznać.",
    span: "Okres",
    from: "Od miesiąca",
    to: "Do miesiąca",
    month_hint: "Na przykład 2026-01. Najwyżej 36 miesięcy.",
    show: "Pokaż",
    csv: "Pobierz tabele (CSV)",
    totals: "Razem w okresie",
    by_month: "W kolejnych miesiącach",
    by_channel: "Według kanału",
    by_district: "Według dzielnicy",
    by_age: "Budżet obywatelski według wieku głosujących",
    by_age_hint: "Wiek w roku edycji. Tylko budżet obywatelski zna rok urodzenia uczestników.",
    district_hint: "Uwagi: dzielnica podana w koncie autora. Budżet: dzielnica wybrana na karcie. Inicjatywy: dzielnica zadania.",
    month: "Miesiąc",
    process: "Proces",
    channel: "Kanał",
    district: "Dzielnica",
    age: "Wiek",
    count: "Liczba",
    unknown: "Nie podano",
    processes: ["Konsultacje (uwagi)", "Budżet obywatelski (głosy)", "Inicjatywy lokalne (wnioski)"],
    vote_channels: ["Przez internet", "Na papierze"],
    applicants: ["Mieszkańcy", "Organizacja pozarządowa", "Rada dzielnicy"],
    nav: "Statystyki",
};

const EN: StatsTexts = StatsTexts {
    title: "Participation statistics",
    lead: "How many took part in consultations, the civic budget and local initiatives: for reports, answers to councillors and public-information requests.",
    suppressed: "Aggregates only. Counts from 1 to 4 are hidden (\"<5\") so that nobody can be recognised.",
    span: "Period",
    from: "From month",
    to: "To month",
    month_hint: "For example 2026-01. At most 36 months.",
    show: "Show",
    csv: "Download the tables (CSV)",
    totals: "Totals in the period",
    by_month: "Month by month",
    by_channel: "By channel",
    by_district: "By district",
    by_age: "Civic budget by the voters' age",
    by_age_hint: "Age in the edition's year. Only the civic budget knows its participants' year of birth.",
    district_hint: "Remarks: the district in the author's account. Budget: the district chosen on the ballot. Initiatives: the task's district.",
    month: "Month",
    process: "Process",
    channel: "Channel",
    district: "District",
    age: "Age",
    count: "Count",
    unknown: "Not given",
    processes: ["Consultations (remarks)", "Civic budget (votes)", "Local initiatives (applications)"],
    vote_channels: ["Online", "On paper"],
    applicants: ["Residents", "Non-governmental organisation", "District council"],
    nav: "Statistics",
};

const UK: StatsTexts = StatsTexts {
    title: "Статистика участі",
    lead: "Скільки людей взяли участь у консультаціях, громадському бюджеті та місцевих ініціативах: для звітів, відповідей радним і запитів на публічну інформацію.",
    suppressed: "Лише зведені дані. Числа від 1 до 4 приховано («<5»), щоб нікого не можна було впізнати.",
    span: "Період",
    from: "Від місяця",
    to: "До місяця",
    month_hint: "Наприклад 2026-01. Щонайбільше 36 місяців.",
    show: "Показати",
    csv: "Завантажити таблиці (CSV)",
    totals: "Разом за період",
    by_month: "За місяцями",
    by_channel: "За каналом",
    by_district: "За районом",
    by_age: "Громадський бюджет за віком тих, хто голосував",
    by_age_hint: "Вік у році випуску. Лише громадський бюджет знає рік народження учасників.",
    district_hint: "Зауваження: район, зазначений в обліковому записі автора. Бюджет: район, обраний у бюлетені. Ініціативи: район завдання.",
    month: "Місяць",
    process: "Процес",
    channel: "Канал",
    district: "Район",
    age: "Вік",
    count: "Кількість",
    unknown: "Не зазначено",
    processes: ["Консультації (зауваження)", "Громадський бюджет (голоси)", "Місцеві ініціативи (заяви)"],
    vote_channels: ["Онлайн", "На папері"],
    applicants: ["Мешканці", "Громадська організація", "Рада району"],
    nav: "Статистика",
};

impl Locale {
    pub fn stats(self) -> &'static StatsTexts {
        match self {
            Locale::Pl => &PL,
            Locale::En => &EN,
            Locale::Uk => &UK,
        }
    }

    pub fn process(self, process: Process) -> &'static str {
        self.stats().processes[process.index()]
    }

    /// A channel's name as the statistics show it (the code itself if unknown).
    pub fn stats_channel(self, process: Process, code: &str) -> String {
        let t = self.stats();
        let known = match (process, code) {
            (Process::Consultations, code) => crate::domain::remark::Channel::parse(code)
                .map(|c| crate::consultations::remarks::views::channel_label(self, c)),
            (Process::Budget, "online") => Some(t.vote_channels[0]),
            (Process::Budget, "paper") => Some(t.vote_channels[1]),
            (Process::Initiatives, "residents") => Some(t.applicants[0]),
            (Process::Initiatives, "ngo") => Some(t.applicants[1]),
            (Process::Initiatives, "district_council") => Some(t.applicants[2]),
            _ => None,
        };
        known.map_or_else(|| code.to_owned(), str::to_owned)
    }

    pub fn age_group(self, group: AgeGroup) -> &'static str {
        match group {
            AgeGroup::Unknown => self.stats().unknown,
            other => other.code(),
        }
    }
}
