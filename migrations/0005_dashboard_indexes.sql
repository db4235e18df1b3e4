CREATE INDEX `alerts_unread_idx` ON `alerts` (`person_id`) WHERE read_at is null;--> statement-breakpoint
CREATE INDEX `takedown_cases_open_deadline_idx` ON `takedown_cases` (`deadline_at`) WHERE closed_at is null;--> statement-breakpoint
CREATE INDEX `custody_log_subject_id_idx` ON `custody_log` (`subject_id`);--> statement-breakpoint
CREATE INDEX `hits_rank_seen_idx` ON `hits` ((case severity when 'critical' then 0 when 'high' then 1 when 'medium' then 2 else 3 end),first_seen_at desc,id desc);--> statement-breakpoint
CREATE INDEX `hits_person_status_severity_idx` ON `hits` (`person_id`,`status`,`severity`,`first_seen_at`);--> statement-breakpoint
CREATE INDEX `candidates_person_url_idx` ON `candidates` (`person_id`,`normalized_url`);