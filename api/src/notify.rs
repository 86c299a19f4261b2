//! The mail each event sends, in Japanese with a short English line. Mail is queued in the
//! outbox inside the transaction that makes the event true.

use crate::mail::Mail;

/// Where a thread lives in the web client.
pub fn thread_link(public_url: &str, thread_id: i64) -> String {
    format!("{}/threads/{thread_id}", public_url.trim_end_matches('/'))
}

pub const FOOTER: &str = "\n\n---\n医療のお仕事 Key-Net（手数料は一切かかりません）\nThis is an automatic message from Key-Net.";

pub fn new_contact(
    to: &str,
    facility: &str,
    occupation: &str,
    application: bool,
    link: &str,
) -> Mail {
    let (what, what_en) = if application {
        ("応募", "application")
    } else {
        ("問い合わせ", "inquiry")
    };
    Mail::new(
        to,
        format!("【Key-Net】{occupation}の募集に{what}がありました"),
        format!(
            "{facility} ご担当者様\n\n{occupation}の募集に、求職者から{what}が届きました。\n\
             管理画面でご確認のうえ、お早めにご返信ください。\n\n{link}\n\n\
             A new {what_en} arrived for your {occupation} posting.{FOOTER}"
        ),
    )
}

pub fn new_message(to: &str, greeting: &str, occupation: &str, link: &str) -> Mail {
    Mail::new(
        to,
        format!("【Key-Net】{occupation}の募集について新しいメッセージがあります"),
        format!("{greeting}\n\n{occupation}の募集について、新しいメッセージが届きました。\n\n{link}\n\nYou have a new message on Key-Net.{FOOTER}"),
    )
}

/// What both interview mails say: for which posting, when (Japan time), where, and the thread.
pub struct InterviewNotice<'a> {
    pub occupation: &'a str,
    pub when_jst: String,
    pub url: &'a str,
    pub link: String,
}

impl<'a> InterviewNotice<'a> {
    pub fn new(
        public_url: &str,
        thread_id: i64,
        occupation: &'a str,
        starts_at: chrono::NaiveDateTime,
        url: &'a str,
    ) -> InterviewNotice<'a> {
        InterviewNotice {
            occupation,
            when_jst: crate::clock::jst(starts_at)
                .format("%Y年%m月%d日 %H:%M")
                .to_string(),
            url,
            link: thread_link(public_url, thread_id),
        }
    }
}

pub fn interview(to: &str, greeting: &str, n: &InterviewNotice, ics: String) -> Mail {
    let InterviewNotice {
        occupation,
        when_jst,
        url,
        link,
    } = n;
    Mail {
        to: to.into(),
        subject: format!("【Key-Net】オンライン面接のご案内（{occupation}）"),
        body: format!(
            "{greeting}\n\n{occupation}の募集について、オンライン面接の日程が設定されました。\n\n\
             日時：{when_jst}（日本時間）\nビデオ会議：{url}\n\n\
             添付の招待状（invite.ics）をカレンダーに追加できます。\n承諾・辞退は次のページから行えます。\n{link}\n\n\
             An online interview was scheduled: {when_jst} JST, {url}{FOOTER}"
        ),
        ics: Some(ics),
        ..Mail::new("", "", "")
    }
}

/// An interview moved or called off: both sides hear of it, with the calendar update.
pub fn interview_changed(
    to: &str,
    greeting: &str,
    n: &InterviewNotice,
    ics: String,
    cancelled: bool,
    why: &str,
) -> Mail {
    let InterviewNotice {
        occupation,
        when_jst,
        url,
        link,
    } = n;
    let (subject, body) = if cancelled {
        (
            format!("【Key-Net】オンライン面接の取り消し（{occupation}）"),
            format!(
                "{greeting}\n\n{occupation}の募集について、{when_jst}（日本時間）のオンライン面接は取り消されました。{why}\n                 添付の取り消し（invite.ics）で、カレンダーから予定が外れます。\n\n{link}\n\n                 The online interview of {when_jst} JST was cancelled.{FOOTER}"
            ),
        )
    } else {
        (
            format!("【Key-Net】オンライン面接の日時変更（{occupation}）"),
            format!(
                "{greeting}\n\n{occupation}の募集について、オンライン面接の日時が変更されました。{why}\n\n                 新しい日時：{when_jst}（日本時間）\nビデオ会議：{url}\n\n                 添付の招待状（invite.ics）で、カレンダーの予定が更新されます。\n{link}\n\n                 The online interview was moved to {when_jst} JST, {url}{FOOTER}"
            ),
        )
    };
    Mail {
        to: to.into(),
        subject,
        body,
        ics: Some(ics),
        ..Mail::new("", "", "")
    }
}

/// The jobseeker withdrew: the facility's contact hears of it.
pub fn withdrawn(to: &str, greeting: &str, occupation: &str, link: &str) -> Mail {
    Mail::new(
        to,
        format!("【Key-Net】問い合わせ・応募の取り下げ（{occupation}）"),
        format!(
            "{greeting}\n\n{occupation}の募集への問い合わせ・応募が、求職者により取り下げられました。\n             予定していた面接があれば、取り消されています。\n\n{link}\n\n             The jobseeker withdrew their inquiry or application.{FOOTER}"
        ),
    )
}

pub fn decision(
    to: &str,
    name: &str,
    occupation: &str,
    hired: bool,
    message: &str,
    link: &str,
) -> Mail {
    let (subject, line, en) = if hired {
        (
            "採用のお知らせ",
            "採用が決まりました。",
            "You have been hired.",
        )
    } else {
        ("選考結果のお知らせ", "今回は採用を見送らせていただくこととなりました。ご応募いただき、ありがとうございました。", "This time the facility did not hire.")
    };
    Mail::new(
        to,
        format!("【Key-Net】{subject}（{occupation}）"),
        format!("{name} 様\n\n{occupation}の募集について、{line}\n\n医療機関からのメッセージ：\n{message}\n\n{link}\n\n{en}{FOOTER}"),
    )
}

pub fn posting_closed(to: &str, name: &str, occupation: &str, link: &str) -> Mail {
    Mail::new(
        to,
        format!("【Key-Net】{occupation}の募集は終了しました"),
        format!(
            "{name} 様\n\nご関心をお寄せいただいた{occupation}の募集は、医療機関の判断により終了しました。\n\
             ご応募・お問い合わせいただき、本当にありがとうございました。\n\
             Key-Net では他にも多くの医療機関が人材を募集しています。よろしければ、ほかの募集もご覧ください。\n\n{link}\n\n\
             The posting you contacted has closed. Thank you — other facilities need you too.{FOOTER}"
        ),
    )
}

/// The kind words written into the thread itself when its posting closes.
pub const POSTING_CLOSED_NOTICE: &str =
    "この募集は終了しました。ご応募・お問い合わせいただき、ありがとうございました。ほかの募集もぜひご覧ください。";

pub fn first_response_reminder(
    to: &str,
    facility: &str,
    occupation: &str,
    hours: i64,
    link: &str,
) -> Mail {
    Mail::new(
        to,
        format!("【Key-Net】未返信の{occupation}へのお問い合わせ・応募があります"),
        format!(
            "{facility} ご担当者様\n\n{occupation}の募集に届いたお問い合わせ・応募に、{hours}時間以上ご返信がありません。\n\
             求職者がお待ちです。管理画面からご返信ください。\n\n{link}\n\n\
             An inquiry or application has waited more than {hours} hours for your answer.{FOOTER}"
        ),
    )
}

pub fn account_rest(to: &str, facility: &str, month: &str) -> Mail {
    Mail::new(
        to,
        "【Key-Net】管理画面アカウント休止のお知らせ",
        format!(
            "{facility} ご担当者様\n\n{month}は掲載中の募集がなく、新たな募集の登録もなかったため、管理画面のアカウントを休止しました。\n\
             新しい募集を登録すると、その時点でアカウントは再開されます。休止中もログインして募集の登録、履歴の閲覧、\
             研修の報告は行えます。\n\n\
             Your Key-Net account is resting; registering a posting reactivates it.{FOOTER}"
        ),
    )
}

pub fn posting_suspended(
    to: &str,
    facility: &str,
    posting_id: i64,
    occupation: &str,
    note: &str,
) -> Mail {
    Mail::new(
        to,
        format!("【Key-Net】募集（求人ID {posting_id}・{occupation}）の掲載を停止しました"),
        format!(
            "{facility} ご担当者様\n\nKey-Net の管理者が、次の募集の掲載を停止しました。\n\n\
             求人ID：{posting_id}（{occupation}）\n理由：{note}\n\n\
             内容を改めて掲載する場合は、新しい募集として登録してください。ご不明な点は Key-Net の窓口にお問い合わせください。\n\n\
             A Key-Net administrator suspended posting {posting_id}. Reason: {note}{FOOTER}"
        ),
    )
}

pub fn facility_corrected(to: &str, facility: &str, changes: &str, reason: &str) -> Mail {
    Mail::new(
        to,
        "【Key-Net】登録内容を訂正しました",
        format!(
            "{facility} ご担当者様\n\nKey-Net の管理者が、貴院の登録内容を次のとおり訂正しました。\n\n{changes}\n\n\
             理由：{reason}\n\n心当たりのない場合は、このメールに返信せず、Key-Net の窓口にお問い合わせください。\n\n\
             A Key-Net administrator corrected your facility's details as shown above.{FOOTER}"
        ),
    )
}

pub fn interview_reminder(to: &str, greeting: &str, n: &InterviewNotice) -> Mail {
    let InterviewNotice {
        occupation,
        when_jst,
        url,
        link,
    } = n;
    Mail::new(
        to,
        format!("【Key-Net】明日までにオンライン面接があります（{occupation}）"),
        format!(
            "{greeting}\n\n{occupation}の募集について、オンライン面接が近づいています。\n\n\
             日時：{when_jst}（日本時間）\nビデオ会議：{url}\n\n{link}\n\n\
             Reminder: online interview at {when_jst} JST, {url}{FOOTER}"
        ),
    )
}

/// The one-time link with which a facility account sets its password.
pub fn activation(
    public_url: &str,
    facility: &crate::db::accounts::FacilityRow,
    token: &str,
) -> Mail {
    let link = format!(
        "{}/activate?token={}",
        public_url.trim_end_matches('/'),
        token
    );
    Mail::new(
        facility.email.clone(),
        "【医療のお仕事 Key-Net】管理画面アカウントのご案内",
        format!(
            "{name} ご担当者様\n\n\
             「医療のお仕事 Key-Net」の管理画面のアカウントをご案内します。\n\
             下記のリンクからパスワードを設定してください（有効期限：7日間、1回のみ有効）。\n\n\
             {link}\n\n\
             ログインID（医療機関ID）：{gmis}\n\n\
             管理画面では、募集情報の変更・終了、求職者からの問い合わせ・応募への対応ができます。\n\
             お心当たりのない場合は、このメールを破棄してください。\n\n\
             ---\n\
             Your Key-Net management account: set your password with the link above \
             (valid for 7 days, once). Your login ID is your facility ID: {gmis}\n",
            name = facility.name,
            gmis = facility.gmis_id,
        ),
    )
}

/// A password reset link (1 hour, once), asked for on the sign-in page.
pub fn password_reset(public_url: &str, to: &str, login_id: &str, token: &str) -> Mail {
    let link = format!(
        "{}/reset-password?token={}",
        public_url.trim_end_matches('/'),
        token
    );
    Mail::new(
        to,
        "【医療のお仕事 Key-Net】パスワードの再設定",
        format!(
            "パスワードの再設定のお申し込みを受け付けました。\n\
             下記のリンクから新しいパスワードを設定してください（有効期限：1時間、1回のみ有効）。\n\n\
             {link}\n\n\
             ログインID：{login_id}\n\n\
             お心当たりのない場合は、このメールを破棄してください。パスワードは変わりません。\n\n\
             ---\n\
             Set a new password with the link above (valid for 1 hour, once). If you did not ask \
             for this, ignore this mail: your password stays as it is.{FOOTER}"
        ),
    )
}

/// The password was reset or changed: the owner hears of it, in case it was not them.
pub fn password_changed(public_url: &str, to: &str, login_id: &str) -> Mail {
    let forgot = format!("{}/forgot-password", public_url.trim_end_matches('/'));
    Mail::new(
        to,
        "【医療のお仕事 Key-Net】パスワードが変更されました",
        format!(
            "ログインID「{login_id}」のパスワードが変更されました。ほかの端末のログインは終了しています。\n\n\
             お心当たりのない場合は、すぐに下記からパスワードを再設定し、事務局にご連絡ください。\n\
             {forgot}\n\n\
             ---\n\
             The password of {login_id} was changed and other sign-ins ended. If this was not \
             you, reset it now at the link above and tell us.{FOOTER}"
        ),
    )
}

/// A partner's webhook endpoint kept failing (or answered 410) and was disabled.
pub fn webhook_disabled(to: &str, organisation: &str, url: &str) -> Mail {
    Mail::new(
        to,
        "【Key-Net】Webhook送信先を停止しました",
        format!(
            "{organisation} ご担当者様\n\n次のWebhook送信先への配信が続けて失敗したため（または410が返されたため）、送信を停止しました。\n\
             {url}\n\n受信側を確認のうえ、送信先を登録し直してください。停止中の変更は変更フィード（/api/v1/partner/changes）で取得できます。\n\n\
             Deliveries to this webhook endpoint kept failing, so it was disabled. Register it again once it works;\n\
             the change feed has everything meanwhile.{FOOTER}"
        ),
    )
}

/// The one-time link with which a partner organisation's user sets a password.
pub fn partner_activation(public_url: &str, to: &str, organisation: &str, token: &str) -> Mail {
    let link = format!(
        "{}/activate?token={}",
        public_url.trim_end_matches('/'),
        token
    );
    Mail::new(
        to,
        "【医療のお仕事 Key-Net】関係機関アカウントのご案内",
        format!(
            "{organisation} ご担当者様\n\n\
             「医療のお仕事 Key-Net」の関係機関向け画面のアカウントをご案内します。\n\
             下記のリンクからパスワードを設定してください（有効期限：7日間、1回のみ有効）。\n\n\
             {link}\n\n\
             ログインID：{to}（このメールアドレス）\n\n\
             提供範囲内の募集情報、件数、Webhookの配信状況をご覧いただけます。\n\
             お心当たりのない場合は、このメールを破棄してください。{FOOTER}"
        ),
    )
}

/// A partner referred a jobseeker it met: what happened, and (for a new account) the links
/// to claim it or to decline, which erases what was entered.
pub fn referred(
    public_url: &str,
    to: &str,
    name: &str,
    organisation: &str,
    occupation: &str,
    thread_id: i64,
    token: Option<&str>,
) -> Mail {
    let base = public_url.trim_end_matches('/');
    let next = match token {
        Some(t) => format!(
            "医療機関とのやりとりは、アカウントのパスワードを設定するとご覧いただけます（有効期限：7日間）。\n\
             {base}/activate?token={t}\n\n\
             お心当たりのない場合や、紹介を希望しない場合は、次のページで辞退できます。入力された情報は削除されます。\n\
             {base}/decline-referral?token={t}"
        ),
        None => format!("やりとりは次のページでご覧いただけます。\n{}", thread_link(public_url, thread_id)),
    };
    Mail::new(
        to,
        format!("【Key-Net】{organisation}からのご紹介：{occupation}の募集"),
        format!(
            "{name} 様\n\n{organisation}から、{occupation}の募集へのご紹介（応募）がありました。\n\n{next}\n\n\
             {organisation} referred you to a {occupation} posting on Key-Net.{FOOTER}"
        ),
    )
}

/// The link that confirms a jobseeker's e-mail address (7 days, once); alerts go only to a
/// confirmed address.
pub fn email_confirmation(public_url: &str, to: &str, token: &str) -> Mail {
    let link = format!(
        "{}/confirm-email?token={}",
        public_url.trim_end_matches('/'),
        token
    );
    Mail::new(
        to,
        "【医療のお仕事 Key-Net】メールアドレスの確認",
        format!(
            "Key-Netにご登録いただきありがとうございます。\n\
             下記のリンクを開いて、メールアドレスを確認してください（有効期限：7日間、1回のみ有効）。\n\
             確認が済むと、保存した検索条件の新着求人をメールでお知らせできます。\n\n\
             {link}\n\n\
             お心当たりのない場合は、このメールを破棄してください。\n\n\
             ---\n\
             Open the link above to confirm your e-mail address (valid for 7 days, once). Once \
             it is confirmed, we can mail you new postings for your saved searches. If you did \
             not sign up, ignore this mail.{FOOTER}"
        ),
    )
}

/// One posting in an alert mail: only what the public view shows.
pub struct AlertItem {
    pub title: String,
    pub place: String,
    pub wage: String,
    pub link: String,
}

/// New postings for a saved search. Carries its one-click unsubscribe link (RFC 8058) both
/// in the body (a page that asks first) and in `List-Unsubscribe` (a POST that does not).
pub struct AlertNotice<'a> {
    pub to: &'a str,
    pub search_name: &'a str,
    pub items: &'a [AlertItem],
    /// How many more new postings there are than the mail lists.
    pub more: usize,
    pub search_link: &'a str,
    pub unsubscribe_page: &'a str,
    pub unsubscribe_post: &'a str,
}

pub fn alert(n: &AlertNotice) -> Mail {
    let count = n.items.len() + n.more;
    let mut list = String::new();
    for item in n.items {
        list.push_str(&format!(
            "■ {}\n  {} ／ {}\n  {}\n\n",
            item.title, item.place, item.wage, item.link
        ));
    }
    if n.more > 0 {
        list.push_str(&format!(
            "ほか{}件は検索結果でご覧ください（and {} more）：\n{}\n\n",
            n.more, n.more, n.search_link
        ));
    }
    let mut mail = Mail::new(
        n.to,
        format!(
            "【医療のお仕事 Key-Net】新着求人{}件：{}",
            count, n.search_name
        ),
        format!(
            "保存した検索条件「{name}」に合う新しい求人が{count}件あります。\n\n\
             {list}\
             検索結果：{search}\n\n\
             このお知らせの配信を停止するには：{unsub}\n\n\
             ---\n\
             {count} new posting(s) match your saved search \"{name}\". To stop these mails, \
             open the last link above.{FOOTER}",
            name = n.search_name,
            search = n.search_link,
            unsub = n.unsubscribe_page,
        ),
    );
    mail.list_unsubscribe = Some(n.unsubscribe_post.to_string());
    mail
}
