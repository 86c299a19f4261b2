//! Table definitions shared by both backends (only types both support).

diesel::table! {
    facilities (id) {
        id -> BigInt,
        gmis_id -> Text,
        name -> Text,
        prefecture_code -> Text,
        email -> Text,
        status -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        suspended_at -> Nullable<Timestamp>,
        last_posted_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    accounts (id) {
        id -> BigInt,
        role -> Text,
        login_id -> Text,
        email -> Text,
        password_hash -> Nullable<Text>,
        facility_id -> Nullable<BigInt>,
        created_at -> Timestamp,
        last_login_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    jobseekers (account_id) {
        account_id -> BigInt,
        name -> Text,
        name_kana -> Nullable<Text>,
        phone -> Nullable<Text>,
        prefecture_code -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        availability -> Nullable<Text>,
        experience -> Nullable<Text>,
        years_away -> Nullable<Integer>,
        deleted_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    one_time_tokens (id) {
        id -> BigInt,
        account_id -> BigInt,
        purpose -> Text,
        token_hash -> Text,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    sessions (id) {
        id -> BigInt,
        account_id -> BigInt,
        created_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
        revoke_reason -> Nullable<Text>,
    }
}

diesel::table! {
    change_seq (id) {
        id -> Integer,
        last_seq -> BigInt,
    }
}

diesel::table! {
    favourites (jobseeker_account_id, posting_id) {
        jobseeker_account_id -> BigInt,
        posting_id -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    saved_searches (id) {
        id -> BigInt,
        jobseeker_account_id -> BigInt,
        name -> Text,
        query -> Text,
        frequency -> Text,
        created_at -> Timestamp,
        last_sent_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    alert_hits (saved_search_id, posting_id) {
        saved_search_id -> BigInt,
        posting_id -> BigInt,
        found_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    confirmed_emails (account_id) {
        account_id -> BigInt,
        email -> Text,
        confirmed_at -> Timestamp,
    }
}

diesel::table! {
    change_log (seq) {
        seq -> BigInt,
        occurred_at -> Timestamp,
        entity -> Text,
        entity_id -> BigInt,
        kind -> Text,
        data -> Text,
        actor_account_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    change_cursors (consumer) {
        consumer -> Text,
        last_seq -> BigInt,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    login_attempts (id) {
        id -> BigInt,
        login_key -> Text,
        client -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    refresh_tokens (id) {
        id -> BigInt,
        session_id -> BigInt,
        account_id -> BigInt,
        token_hash -> Text,
        expires_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    postings (id) {
        id -> BigInt,
        facility_id -> BigInt,
        status -> Text,
        close_reason -> Nullable<Text>,
        closed_at -> Nullable<Timestamp>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        mask_requested -> Bool,
        occupation -> Text,
        facility_type -> Text,
        prefecture_code -> Text,
        municipality -> Text,
        start_date -> Date,
        end_date -> Date,
        duty_general_outpatient -> Bool,
        duty_returnee_contact_outpatient -> Bool,
        duty_health_center -> Bool,
        duty_mild_case_accommodation -> Bool,
        duty_other -> Bool,
        wage_unit -> Text,
        wage_amount_yen -> BigInt,
        public_search_text -> Text,
        place -> Nullable<Text>,
    }
}

diesel::table! {
    posting_documents (posting_id) {
        posting_id -> BigInt,
        details_json -> Text,
        maskable_json -> Text,
    }
}

diesel::table! {
    search_state (id) {
        id -> Integer,
        generation -> BigInt,
    }
}

diesel::table! {
    posting_history (id) {
        id -> BigInt,
        posting_id -> BigInt,
        account_id -> Nullable<BigInt>,
        action -> Text,
        changes_json -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    jobseeker_licences (id) {
        id -> BigInt,
        account_id -> BigInt,
        occupation -> Text,
        licence_number -> Nullable<Text>,
        licence_year -> Nullable<Integer>,
        position -> Integer,
    }
}

diesel::table! {
    threads (id) {
        id -> BigInt,
        posting_id -> BigInt,
        facility_id -> BigInt,
        jobseeker_account_id -> BigInt,
        kind -> Text,
        stage -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        applied_at -> Nullable<Timestamp>,
        first_response_at -> Nullable<Timestamp>,
        last_message_at -> Timestamp,
        last_message_by -> Text,
        reminder_sent_at -> Nullable<Timestamp>,
        decided_at -> Nullable<Timestamp>,
        decision_result -> Nullable<Text>,
        decision_message -> Nullable<Text>,
        facility_read_at -> Nullable<Timestamp>,
        jobseeker_read_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    thread_messages (id) {
        id -> BigInt,
        thread_id -> BigInt,
        sender -> Text,
        sender_account_id -> Nullable<BigInt>,
        body -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    interviews (id) {
        id -> BigInt,
        thread_id -> BigInt,
        starts_at -> Timestamp,
        duration_minutes -> Integer,
        video_url -> Text,
        note -> Text,
        status -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        reminded_at -> Nullable<Timestamp>,
        sequence -> Integer,
    }
}

diesel::table! {
    training_reports (thread_id) {
        thread_id -> BigInt,
        completed_on -> Date,
        items -> Text,
        other_items -> Nullable<Text>,
        hours_tenths -> Integer,
        materials -> Text,
        reported_by -> Nullable<BigInt>,
        reported_at -> Timestamp,
    }
}

diesel::table! {
    outbox (id) {
        id -> BigInt,
        to_address -> Text,
        subject -> Text,
        body -> Text,
        ics -> Nullable<Text>,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        locked_until -> Nullable<Timestamp>,
        sent_at -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        attachment_name -> Nullable<Text>,
        attachment_base64 -> Nullable<Text>,
        list_unsubscribe -> Nullable<Text>,
    }
}

diesel::table! {
    audit_log (id) {
        id -> BigInt,
        actor_account_id -> Nullable<BigInt>,
        action -> Text,
        posting_id -> Nullable<BigInt>,
        thread_id -> Nullable<BigInt>,
        subject_account_id -> Nullable<BigInt>,
        created_at -> Timestamp,
        organisation_id -> Nullable<BigInt>,
        detail -> Nullable<Text>,
        times -> Integer,
        last_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    intake_refs (organisation_id, external_ref) {
        organisation_id -> BigInt,
        external_ref -> Text,
        posting_id -> BigInt,
        body_hash -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    referrals (thread_id) {
        thread_id -> BigInt,
        organisation_id -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    desks (id) {
        id -> BigInt,
        organisation_id -> BigInt,
        prefecture_code -> Text,
        name -> Text,
        address -> Text,
        phone -> Text,
        hours -> Text,
        url -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    partner_members (account_id) {
        account_id -> BigInt,
        organisation_id -> BigInt,
    }
}

diesel::table! {
    organisations (id) {
        id -> BigInt,
        name -> Text,
        kind -> Text,
        email -> Text,
        prefecture_code -> Nullable<Text>,
        scope_occupations -> Text,
        scope_prefectures -> Text,
        scope_detail -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    api_keys (id) {
        id -> BigInt,
        organisation_id -> BigInt,
        key_prefix -> Text,
        key_hash -> Text,
        created_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
        last_used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    webhook_endpoints (id) {
        id -> BigInt,
        organisation_id -> BigInt,
        url -> Text,
        secret -> Text,
        created_at -> Timestamp,
        disabled_at -> Nullable<Timestamp>,
        disabled_reason -> Nullable<Text>,
        consecutive_failures -> Integer,
    }
}

diesel::table! {
    webhook_deliveries (id) {
        id -> BigInt,
        endpoint_id -> BigInt,
        message_id -> Text,
        event_type -> Text,
        payload -> Text,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        last_status_code -> Nullable<Integer>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        delivered_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    job_runs (name, run_key) {
        name -> Text,
        run_key -> Text,
        ran_at -> Timestamp,
    }
}

diesel::joinable!(accounts -> facilities (facility_id));
diesel::joinable!(sessions -> accounts (account_id));
diesel::joinable!(refresh_tokens -> sessions (session_id));
diesel::joinable!(threads -> postings (posting_id));
diesel::joinable!(threads -> facilities (facility_id));
diesel::joinable!(thread_messages -> threads (thread_id));
diesel::joinable!(interviews -> threads (thread_id));
diesel::joinable!(training_reports -> threads (thread_id));
diesel::joinable!(postings -> facilities (facility_id));
diesel::joinable!(jobseekers -> accounts (account_id));
diesel::joinable!(api_keys -> organisations (organisation_id));
diesel::joinable!(desks -> organisations (organisation_id));
diesel::joinable!(referrals -> organisations (organisation_id));
diesel::joinable!(referrals -> threads (thread_id));
diesel::joinable!(partner_members -> organisations (organisation_id));
diesel::joinable!(partner_members -> accounts (account_id));
diesel::joinable!(webhook_endpoints -> organisations (organisation_id));
diesel::joinable!(webhook_deliveries -> webhook_endpoints (endpoint_id));
diesel::joinable!(posting_history -> postings (posting_id));
diesel::joinable!(posting_documents -> postings (posting_id));
diesel::joinable!(alert_hits -> saved_searches (saved_search_id));
diesel::joinable!(alert_hits -> postings (posting_id));

diesel::allow_tables_to_appear_in_same_query!(
    facilities,
    accounts,
    jobseekers,
    one_time_tokens,
    refresh_tokens,
    sessions,
    login_attempts,
    change_seq,
    change_log,
    change_cursors,
    favourites,
    saved_searches,
    alert_hits,
    confirmed_emails,
    postings,
    posting_documents,
    posting_history,
    search_state,
    jobseeker_licences,
    threads,
    thread_messages,
    interviews,
    training_reports,
    outbox,
    audit_log,
    job_runs,
    organisations,
    referrals,
    intake_refs,
    desks,
    partner_members,
    api_keys,
    webhook_endpoints,
    webhook_deliveries,
);
