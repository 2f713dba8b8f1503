//! The markup of pictures, documents and the upload form.

use super::{format_size, MediaItem, Parent};
use crate::accounts::forms::{described_by, feedback_for, ErrorSummary, Field};
use crate::components::layout::use_locale;
use leptos::prelude::*;

/// `srcset` of a picture's renditions in one format.
fn srcset(item: &MediaItem, format: &str) -> String {
    item.renditions(format).iter().map(|f| format!("{} {}w", f.href(), f.width)).collect::<Vec<_>>().join(", ")
}

/// A picture at the width the layout gives it: WebP where the browser takes it, JPEG
/// otherwise, the size the browser needs chosen from `sizes`; `width` and `height` keep
/// its place before it loads (no layout shift).
#[component]
pub fn Picture(
    item: MediaItem,
    /// How wide the picture is shown, as the `sizes` attribute says it.
    #[prop(default = "(min-width: 50rem) 46rem, 100vw")]
    sizes: &'static str,
    /// The first picture of a page loads at once; the others when scrolled to.
    #[prop(default = false)]
    eager: bool,
) -> impl IntoView {
    let locale = use_locale();
    let (alt, lang) = item.alt(locale);
    let (alt, lang) = (alt.to_owned(), lang);
    let jpegs = item.renditions("jpeg");
    let largest = jpegs.last().map(|f| (f.width, f.height)).unwrap_or((item.width, item.height));
    let fallback = jpegs.iter().find(|f| f.width >= 640).or(jpegs.last()).map(|f| f.href()).unwrap_or_default();
    let webp = srcset(&item, "webp");
    let jpeg = srcset(&item, "jpeg");
    view! {
        <picture class="picture">
            {(!webp.is_empty()).then(|| view! { <source type="image/webp" srcset=webp sizes=sizes /> })}
            <img
                src=fallback
                srcset=jpeg
                sizes=sizes
                width=largest.0
                height=largest.1
                alt=alt
                lang=lang
                loading=if eager { "eager" } else { "lazy" }
                decoding="async"
            />
        </picture>
    }
}

/// The documents among `items`, each a download link with its kind and size.
#[component]
pub fn DocumentList(items: Vec<MediaItem>, #[prop(default = 2)] level: u8) -> impl IntoView {
    let locale = use_locale();
    let t = locale.media();
    let documents: Vec<MediaItem> = items.into_iter().filter(|i| !i.is_image()).collect();
    (!documents.is_empty()).then(|| {
        let heading = if level == 2 {
            view! { <h2>{t.documents_title}</h2> }.into_any()
        } else {
            view! { <h3>{t.documents_title}</h3> }.into_any()
        };
        view! {
            <section class="documents" aria-label=t.documents_title>
                {heading}
                <ul>
                    {documents
                        .into_iter()
                        .map(|d| {
                            let href = d.files.first().map(|f| f.href()).unwrap_or_default();
                            view! {
                                <li>
                                    <a href=href>{d.display_name.clone()}</a>
                                    " "
                                    <span class="file-facts">
                                        {format!("(PDF, {})", format_size(locale, d.bytes))}
                                    </span>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    })
}

/// A file input with its hint and problem. A file the server already received (the
/// form was refused for another reason) is named instead and sent back by its id
/// (`<name>_pending`), so it is not chosen again.
#[component]
pub fn FileField(
    form: &'static str,
    name: &'static str,
    label: &'static str,
    hint: &'static str,
    /// A file is required (unless one is already received).
    #[prop(default = false)]
    required: bool,
) -> impl IntoView {
    let locale = use_locale();
    let feedback = feedback_for(form);
    let typed = |field: String| {
        feedback.as_ref().and_then(|f| f.values.iter().find(|(n, _)| *n == field).map(|(_, v)| v.clone()))
    };
    let pending = typed(format!("{name}_pending")).filter(|v| !v.is_empty());
    let pending_label = typed(format!("{name}_pending_name")).map(|file_name| {
        let bytes = typed(format!("{name}_pending_bytes")).and_then(|b| b.parse::<i64>().ok()).unwrap_or(0);
        format!("{file_name} ({})", format_size(locale, bytes))
    });
    let error =
        feedback.as_ref().and_then(|f| f.errors.iter().find(|e| e.field == name)).map(|e| locale.problem(&e.message));
    let id = format!("{form}-{name}");
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = described_by([Some(hint_id.as_str()), error.map(|_| error_id.as_str())]);
    view! {
        {pending
            .clone()
            .map(|value| {
                view! {
                    <input type="hidden" name=format!("{name}_pending") value=value />
                    <p class="notice">{locale.media().kept_file} " " {pending_label.clone()}</p>
                }
            })}
        <div class="field" class:field-error=error.is_some()>
            <label for=id.clone()>{label}</label>
            <p class="hint" id=hint_id>{hint}</p>
            {error.map(|e| view! { <p class="error-message" id=error_id>{e}</p> })}
            <input
                id=id
                name=name
                type="file"
                accept="image/jpeg,image/png,image/webp,application/pdf"
                required=required && pending.is_none()
                aria-invalid=error.is_some().then_some("true")
                aria-describedby=described
            />
        </div>
    }
}

/// The pictures and documents attached to `parent`, each removable, and the form that
/// adds one. A picture needs its Polish text alternative; when the form is refused the
/// file already received is kept (the form names it) and is not chosen again.
#[component]
pub fn MediaEditor(parent: Parent, items: Vec<MediaItem>) -> impl IntoView {
    const FORM: &str = "media";
    let locale = use_locale();
    let t = locale.media();
    let action = parent.media_action().unwrap_or_default();
    let list = if items.is_empty() {
        view! { <p>{t.nothing_yet}</p> }.into_any()
    } else {
        view! {
            <ul class="media-list">
                {items
                    .into_iter()
                    .map(|item| {
                        let remove = format!("{action}/{}/delete", item.id);
                        let facts = format!(
                            "{}, {}",
                            if item.is_image() { t.picture } else { t.document },
                            format_size(locale, item.bytes),
                        );
                        let label = format!("{} {}", t.remove, item.display_name);
                        let alt = item.alt_pl.clone();
                        let preview = item
                                .is_image()
                                .then(|| view! { <Picture item=item.clone() sizes="10rem" /> });
                        let name = match item.files.first().filter(|_| !item.is_image()) {
                            Some(file) => view! { <a href=file.href()>{item.display_name.clone()}</a> }.into_any(),
                            None => view! { <strong>{item.display_name.clone()}</strong> }.into_any(),
                        };
                        view! {
                            <li>
                                {preview}
                                <p>
                                    {name}
                                    " "
                                    <span class="file-facts">{facts}</span>
                                </p>
                                {(!alt.is_empty()).then(|| view! { <p>{t.alt_shown} " " {alt}</p> })}
                                <form method="post" action=remove>
                                    <button type="submit" class="button-secondary" aria-label=label>
                                        {t.remove}
                                    </button>
                                </form>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="media-editor" id="media-editor" aria-labelledby="media-editor-title">
            <h2 id="media-editor-title">{t.section_title}</h2>
            <p>{t.section_lead}</p>
            {list}
            <form method="post" action=action enctype="multipart/form-data" novalidate=true>
                <ErrorSummary form=FORM />
                <Field form=FORM name="alt_pl" label=t.alt_pl_label hint=t.alt_pl_hint required=false maxlength=250 />
                <Field form=FORM name="alt_en" label=t.alt_en_label hint=t.optional required=false maxlength=250 />
                <Field form=FORM name="alt_uk" label=t.alt_uk_label hint=t.optional required=false maxlength=250 />
                // The file comes last: a form cut short at the size limit still has the texts.
                <FileField form=FORM name="file" label=t.file_label hint=t.file_hint required=true />
                <button type="submit">{t.add}</button>
            </form>
        </section>
    }
}
