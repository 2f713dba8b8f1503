//! The newsletter (`/newsletter`), its mails and the editors' digest preview.

use super::Locale;

pub struct NewsletterTexts {
    pub title: &'static str,
    pub lead: &'static str,
    pub promise: &'static str,
    pub email: &'static str,
    pub email_hint: &'static str,
    pub area: &'static str,
    pub area_hint: &'static str,
    pub topics: &'static str,
    pub topics_hint: &'static str,
    pub language: &'static str,
    pub subscribe: &'static str,
    pub privacy: &'static str,
    pub confirm_title: &'static str,
    pub confirm_lead: &'static str,
    pub confirm_button: &'static str,
    pub confirmed_already: &'static str,
    pub link_unknown: &'static str,
    pub unsubscribe_title: &'static str,
    pub unsubscribe_lead: &'static str,
    pub unsubscribe_button: &'static str,
    pub unsubscribe_gone: &'static str,
    pub mail_confirm_subject: &'static str,
    /// `{link}`: the confirmation page.
    pub mail_confirm_body: &'static str,
    pub mail_already_subject: &'static str,
    /// `{link}`: the unsubscribe page.
    pub mail_already_body: &'static str,
    /// `{week}`: the ISO week's number.
    pub digest_subject: &'static str,
    pub digest_intro: &'static str,
    /// Opened, closing soon, reports, events, civic budget, news (digest::Kind's order).
    pub digest_sections: [&'static str; 6],
    /// `{n}`: items left out of the mail.
    pub digest_more: &'static str,
    pub digest_why: &'static str,
    pub digest_unsubscribe: &'static str,
    pub preview_title: &'static str,
    pub preview_lead: &'static str,
    pub preview_profile: &'static str,
    pub preview_show: &'static str,
    pub preview_week: &'static str,
    pub preview_sends_at: &'static str,
    pub preview_nothing: &'static str,
    pub preview_subject: &'static str,
    pub preview_body: &'static str,
    pub preview_counts: &'static str,
    /// Confirmed, waiting for confirmation, digests sent this week, nothing new this week.
    pub counts: [&'static str; 4],
    pub all_districts: &'static str,
    /// The privacy notice's section on the newsletter: heading, text.
    pub privacy_section: (&'static str, &'static str),
    pub problems: [&'static str; 5],
    pub done: [&'static str; 4],
}

const PROBLEM_CODES: [&str; 5] = [
    "newsletter_area_required",
    "newsletter_district_unknown",
    "newsletter_topic_unknown",
    "newsletter_language_unknown",
    "newsletter_link_unknown",
];

const DONE_CODES: [&str; 4] =
    ["newsletter_check_inbox", "newsletter_confirmed", "newsletter_already_confirmed", "newsletter_unsubscribed"];

const PL: NewsletterTexts = NewsletterTexts {
    privacy_section: ("Newsletter", "Jeśli zapiszesz się na newsletter, przechowujemy adres e-mail, wybrane dzielnice, tematy i język oraz daty wysłanych podsumowań. Podstawą jest Twoja zgoda (art. 6 ust. 1 lit. a RODO), potwierdzona kliknięciem w link. Wypisanie się, jednym kliknięciem z każdej wiadomości, usuwa te dane od razu."),
    title: "Newsletter",
    lead: "Raz w tygodniu, tylko gdy coś się dzieje w Twojej okolicy: nowe konsultacje, te, które wkrótce się kończą, raporty, spotkania i terminy budżetu obywatelskiego.",
    promise: "Najwyżej jeden e-mail w tygodniu. Gdy nic nowego nie ma, nic nie wysyłamy.",
    email: "Adres e-mail",
    email_hint: "Wyślemy na niego link potwierdzający. Bez kliknięcia w link nic więcej nie wyślemy.",
    area: "Okolica",
    area_hint: "Zaznacz dzielnice albo cały Kraków. Sprawy całego miasta dostaniesz zawsze.",
    topics: "Tematy konsultacji",
    topics_hint: "Nie zaznaczysz żadnego: dostaniesz wszystkie tematy.",
    language: "Język wiadomości",
    subscribe: "Zapisz mnie",
    privacy: "Przechowujemy tylko adres i Twoje wybory. Każda wiadomość ma link do wypisania się jednym kliknięciem; po wypisaniu usuwamy adres.",
    confirm_title: "Potwierdź zapis na newsletter",
    confirm_lead: "Kliknij przycisk, aby zacząć dostawać cotygodniowe podsumowanie.",
    confirm_button: "Potwierdzam zapis",
    confirmed_already: "Ten zapis jest już potwierdzony. Nic więcej nie trzeba robić.",
    link_unknown: "Ten link jest nieprawidłowy albo nieaktualny. Sprawdź, czy skopiowano go w całości, albo zapisz się ponownie.",
    unsubscribe_title: "Wypisz się z newslettera",
    unsubscribe_lead: "Po wypisaniu nie wyślemy już żadnego podsumowania i usuniemy Twój adres.",
    unsubscribe_button: "Wypisz mnie",
    unsubscribe_gone: "Ten link jest nieprawidłowy albo zapis już nie istnieje. Jeśli wypisano Cię wcześniej, nic więcej nie trzeba robić.",
    mail_confirm_subject: "Potwierdź zapis na newsletter Krakowa w dialogu",
    mail_confirm_body: "Dzień dobry,\n\nktoś (mamy nadzieję, że Ty) zapisał ten adres na cotygodniowe podsumowanie konsultacji w Krakowie. Aby potwierdzić, otwórz link:\n{link}\n\nJeśli to nie Ty, zignoruj tę wiadomość: bez potwierdzenia nic więcej nie wyślemy.",
    mail_already_subject: "Ten adres jest już zapisany na newsletter",
    mail_already_body: "Dzień dobry,\n\nten adres dostaje już nasze cotygodniowe podsumowanie. Aby zmienić dzielnice lub tematy, wypisz się i zapisz ponownie:\n{link}\n\nJeśli to nie Ty, zignoruj tę wiadomość.",
    digest_subject: "Kraków w dialogu: co nowego (tydzień {week})",
    digest_intro: "Oto nowości z ostatniego tygodnia dla dzielnic i tematów, które wybrano.",
    digest_sections: [
        "Nowe konsultacje",
        "Wkrótce się kończą",
        "Opublikowane raporty",
        "Spotkania w najbliższych dwóch tygodniach",
        "Budżet obywatelski",
        "Aktualności",
    ],
    digest_more: "I jeszcze {n} — wszystko na stronie:",
    digest_why: "Dostajesz tę wiadomość, bo zapisano ten adres na newsletter platformy Kraków w dialogu.",
    digest_unsubscribe: "Wypisz się jednym kliknięciem:",
    preview_title: "Podsumowanie tygodnia: podgląd",
    preview_lead: "Co dostanie w tym tygodniu osoba, która wybrała daną okolicę i tematy. Podsumowania wychodzą same w poniedziałek rano, tylko do tych, dla których jest coś nowego.",
    preview_profile: "Dla kogo",
    preview_show: "Pokaż podgląd",
    preview_week: "Tydzień",
    preview_sends_at: "Wysyłka od",
    preview_nothing: "Dla tej okolicy i tematów nie ma w tym tygodniu nic nowego: taka osoba nie dostanie wiadomości.",
    preview_subject: "Temat",
    preview_body: "Treść",
    preview_counts: "Zapisy i wysyłka w tym tygodniu",
    counts: ["Potwierdzone zapisy", "Czekają na potwierdzenie", "Wysłane podsumowania", "Bez nowości (nic nie wysłano)"],
    all_districts: "Cały Kraków",
    problems: [
        "Zaznacz co najmniej jedną dzielnicę albo cały Kraków.",
        "Nie ma takiej dzielnicy. Wybierz z listy.",
        "Nie ma takiego tematu. Wybierz z listy.",
        "Wybierz język z listy.",
        "Ten link jest nieprawidłowy albo nieaktualny.",
    ],
    done: [
        "Sprawdź skrzynkę: wysłaliśmy link potwierdzający. Zapis zacznie działać po kliknięciu w link.",
        "Zapis potwierdzony. Pierwsze podsumowanie przyjdzie w poniedziałek, jeśli będzie coś nowego.",
        "Ten zapis był już potwierdzony. Nic się nie zmieniło.",
        "Wypisano. Nie wyślemy już żadnego podsumowania, a adres został usunięty.",
    ],
};

const EN: NewsletterTexts = NewsletterTexts {
    privacy_section: ("Newsletter", "If you subscribe to the newsletter, we keep the email address, the districts, topics and language chosen, and the dates of the digests sent. The basis is your consent (Art. 6(1)(a) GDPR), confirmed by the mailed link. Unsubscribing, one click from any email, deletes these data at once."),
    title: "Newsletter",
    lead: "Once a week, and only when something happens near you: new consultations, those closing soon, reports, meetings and civic-budget dates.",
    promise: "At most one email a week. When there is nothing new, we send nothing.",
    email: "Email address",
    email_hint: "We will send a confirmation link to it. Nothing else is sent until you click it.",
    area: "Area",
    area_hint: "Choose districts or the whole of Kraków. City-wide matters always come.",
    topics: "Consultation topics",
    topics_hint: "Choose none to get every topic.",
    language: "Language of the emails",
    subscribe: "Subscribe",
    privacy: "We keep only the address and your choices. Every email has a one-click unsubscribe link; unsubscribing deletes the address.",
    confirm_title: "Confirm your newsletter subscription",
    confirm_lead: "Press the button to start getting the weekly digest.",
    confirm_button: "Confirm subscription",
    confirmed_already: "This subscription is confirmed already. There is nothing more to do.",
    link_unknown: "This link is not valid or no longer current. Check that it was copied whole, or subscribe again.",
    unsubscribe_title: "Unsubscribe from the newsletter",
    unsubscribe_lead: "Once you unsubscribe we send no more digests and delete your address.",
    unsubscribe_button: "Unsubscribe",
    unsubscribe_gone: "This link is not valid or the subscription no longer exists. If you unsubscribed before, there is nothing more to do.",
    mail_confirm_subject: "Confirm your subscription to the Kraków in dialogue newsletter",
    mail_confirm_body: "Hello,\n\nsomeone (we hope it was you) subscribed this address to the weekly digest of consultations in Kraków. To confirm, open the link:\n{link}\n\nIf it was not you, ignore this message: without confirmation we send nothing else.",
    mail_already_subject: "This address is subscribed to the newsletter already",
    mail_already_body: "Hello,\n\nthis address already gets our weekly digest. To change districts or topics, unsubscribe and subscribe again:\n{link}\n\nIf it was not you, ignore this message.",
    digest_subject: "Kraków in dialogue: what is new (week {week})",
    digest_intro: "Here is what is new this week for the districts and topics chosen.",
    digest_sections: [
        "New consultations",
        "Closing soon",
        "Reports published",
        "Meetings in the next two weeks",
        "Civic budget",
        "News",
    ],
    digest_more: "And {n} more, all on the site:",
    digest_why: "You get this email because this address was subscribed to the Kraków in dialogue newsletter.",
    digest_unsubscribe: "Unsubscribe with one click:",
    preview_title: "Weekly digest: preview",
    preview_lead: "What someone who chose an area and topics gets this week. Digests go by themselves on Monday morning, only to those with something new.",
    preview_profile: "For whom",
    preview_show: "Show preview",
    preview_week: "Week",
    preview_sends_at: "Sending from",
    preview_nothing: "Nothing new this week for this area and these topics: such a subscriber gets no email.",
    preview_subject: "Subject",
    preview_body: "Text",
    preview_counts: "Subscriptions and this week's sending",
    counts: ["Confirmed subscriptions", "Waiting for confirmation", "Digests sent", "Nothing new (none sent)"],
    all_districts: "All of Kraków",
    problems: [
        "Choose at least one district or the whole of Kraków.",
        "There is no such district. Choose one from the list.",
        "There is no such topic. Choose one from the list.",
        "Choose a language from the list.",
        "This link is not valid or no longer current.",
    ],
    done: [
        "Check your inbox: we sent a confirmation link. The subscription starts once you click it.",
        "Subscription confirmed. The first digest comes on Monday if there is something new.",
        "This subscription was confirmed already. Nothing changed.",
        "Unsubscribed. We send no more digests and the address has been deleted.",
    ],
};

const UK: NewsletterTexts = NewsletterTexts {
    privacy_section: ("Розсилка", "Якщо ви підписалися на розсилку, ми зберігаємо адресу електронної пошти, обрані райони, теми й мову, а також дати надісланих оглядів. Підставою є ваша згода (ст. 6(1)(a) GDPR), підтверджена посиланням із листа. Відписка одним клацанням із будь-якого листа одразу видаляє ці дані."),
    title: "Розсилка",
    lead: "Раз на тиждень і лише тоді, коли щось відбувається поруч із вами: нові консультації, ті, що незабаром завершуються, звіти, зустрічі й дати громадського бюджету.",
    promise: "Щонайбільше один лист на тиждень. Коли нічого нового немає, ми нічого не надсилаємо.",
    email: "Адреса електронної пошти",
    email_hint: "Ми надішлемо на неї посилання для підтвердження. Доки ви його не відкриєте, більше нічого не надішлемо.",
    area: "Місцевість",
    area_hint: "Позначте райони або весь Краків. Справи всього міста ви отримуватимете завжди.",
    topics: "Теми консультацій",
    topics_hint: "Не позначите жодної: отримуватимете всі теми.",
    language: "Мова листів",
    subscribe: "Підписатися",
    privacy: "Ми зберігаємо лише адресу та ваш вибір. Кожен лист має посилання, щоб відписатися одним клацанням; після відписки адресу видаляємо.",
    confirm_title: "Підтвердьте підписку на розсилку",
    confirm_lead: "Натисніть кнопку, щоб почати отримувати щотижневий огляд.",
    confirm_button: "Підтверджую підписку",
    confirmed_already: "Цю підписку вже підтверджено. Більше нічого робити не потрібно.",
    link_unknown: "Це посилання недійсне або застаріле. Перевірте, чи його скопійовано повністю, або підпишіться знову.",
    unsubscribe_title: "Відписатися від розсилки",
    unsubscribe_lead: "Після відписки ми більше не надсилатимемо оглядів і видалимо вашу адресу.",
    unsubscribe_button: "Відписатися",
    unsubscribe_gone: "Це посилання недійсне або підписки вже немає. Якщо ви відписалися раніше, більше нічого робити не потрібно.",
    mail_confirm_subject: "Підтвердьте підписку на розсилку «Краків у діалозі»",
    mail_confirm_body: "Добрий день,\n\nхтось (сподіваємося, що ви) підписав цю адресу на щотижневий огляд консультацій у Кракові. Щоб підтвердити, відкрийте посилання:\n{link}\n\nЯкщо це були не ви, просто проігноруйте цей лист: без підтвердження ми більше нічого не надішлемо.",
    mail_already_subject: "Ця адреса вже підписана на розсилку",
    mail_already_body: "Добрий день,\n\nця адреса вже отримує наш щотижневий огляд. Щоб змінити райони чи теми, відпишіться й підпишіться знову:\n{link}\n\nЯкщо це були не ви, проігноруйте цей лист.",
    digest_subject: "Краків у діалозі: що нового (тиждень {week})",
    digest_intro: "Ось новини цього тижня для обраних районів і тем.",
    digest_sections: [
        "Нові консультації",
        "Незабаром завершуються",
        "Опубліковані звіти",
        "Зустрічі найближчими двома тижнями",
        "Громадський бюджет",
        "Новини",
    ],
    digest_more: "І ще {n}, усе на сайті:",
    digest_why: "Ви отримуєте цей лист, бо цю адресу підписано на розсилку платформи «Краків у діалозі».",
    digest_unsubscribe: "Відписатися одним клацанням:",
    preview_title: "Щотижневий огляд: попередній перегляд",
    preview_lead: "Що отримає цього тижня людина, яка обрала місцевість і теми. Огляди надсилаються самі в понеділок уранці, лише тим, для кого є щось нове.",
    preview_profile: "Для кого",
    preview_show: "Показати перегляд",
    preview_week: "Тиждень",
    preview_sends_at: "Надсилання від",
    preview_nothing: "Для цієї місцевості й тем цього тижня нічого нового: така людина не отримає листа.",
    preview_subject: "Тема",
    preview_body: "Текст",
    preview_counts: "Підписки й надсилання цього тижня",
    counts: ["Підтверджені підписки", "Чекають на підтвердження", "Надіслані огляди", "Без новин (нічого не надіслано)"],
    all_districts: "Увесь Краків",
    problems: [
        "Позначте щонайменше один район або весь Краків.",
        "Такого району немає. Виберіть зі списку.",
        "Такої теми немає. Виберіть зі списку.",
        "Виберіть мову зі списку.",
        "Це посилання недійсне або застаріле.",
    ],
    done: [
        "Перевірте пошту: ми надіслали посилання для підтвердження. Підписка запрацює після того, як ви його відкриєте.",
        "Підписку підтверджено. Перший огляд надійде в понеділок, якщо буде щось нове.",
        "Цю підписку вже було підтверджено. Нічого не змінилося.",
        "Ви відписалися. Ми більше не надсилатимемо оглядів, адресу видалено.",
    ],
};

impl Locale {
    pub fn newsletter(self) -> &'static NewsletterTexts {
        match self {
            Locale::Pl => &PL,
            Locale::En => &EN,
            Locale::Uk => &UK,
        }
    }

    pub fn newsletter_code(self, code: &str) -> Option<&'static str> {
        PROBLEM_CODES.iter().position(|c| *c == code).map(|i| self.newsletter().problems[i])
    }

    pub fn newsletter_done(self, code: &str) -> Option<&'static str> {
        DONE_CODES.iter().position(|c| *c == code).map(|i| self.newsletter().done[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newsletter_codes_have_sentences_in_every_language() {
        for locale in Locale::ALL {
            for code in PROBLEM_CODES {
                assert_ne!(locale.problem(code), locale.accounts().problem_generic, "{code}");
            }
            for code in DONE_CODES {
                assert!(locale.done(code).is_some(), "{code}");
            }
            assert!(locale.newsletter().digest_subject.contains("{week}"));
            assert!(locale.newsletter().mail_confirm_body.contains("{link}"));
            assert!(locale.newsletter().mail_already_body.contains("{link}"));
        }
    }
}
