// The ordered list of migrations; names sort in the order they run.
import type { Migration } from 'kysely';
import * as initial from './0001_initial.js';
import * as queuePace from './0002_queue_pace.js';
import * as notificationPreferences from './0003_notification_preferences.js';
import * as abuseLimits from './0004_abuse_limits.js';
import * as strandedChats from './0005_stranded_chats.js';
import * as quickResponseDetails from './0006_quick_response_details.js';
import * as teams from './0007_teams.js';
import * as awaitingReplyBackfill from './0008_awaiting_reply_backfill.js';
import * as teamQuickResponses from './0009_team_quick_responses.js';
import * as tickets from './0010_tickets.js';
import * as transferOffers from './0011_transfer_offers.js';
import * as attachments from './0012_attachments.js';
import * as mailOutbox from './0013_mail_outbox.js';
import * as mailInbound from './0014_mail_inbound.js';
import * as ticketSearch from './0015_ticket_search.js';
import * as ticketAttachments from './0016_ticket_attachments.js';
import * as mailNotices from './0017_mail_notices.js';
import * as chatReports from './0018_chat_reports.js';
import * as chatSearch from './0019_chat_search.js';
import * as visitors from './0022_visitors.js';
import * as ticketCcs from './0023_ticket_ccs.js';
import * as draftUploads from './0024_draft_uploads.js';
import * as deskSettings from './0025_desk_settings.js';
import * as chatSurveys from './0026_chat_surveys.js';
import * as ticketViews from './0027_ticket_views.js';
import * as teamOpeningHours from './0028_team_opening_hours.js';
import * as slaCompleteness from './0029_sla_completeness.js';
import * as ticketReports from './0030_ticket_reports.js';
import * as agentStatusChanges from './0032_agent_status_changes.js';
import * as ticketSurveys from './0033_ticket_surveys.js';
import * as peopleSearch from './0034_people_search.js';
import * as reportChatDimensions from './0036_report_chat_dimensions.js';
import * as reportChatDays from './0037_report_chat_days.js';
import * as ticketReportCovering from './0038_ticket_report_covering.js';
import * as statusChangeCapacity from './0039_status_change_capacity.js';

export const migrations: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_queue_pace': queuePace,
  '0003_notification_preferences': notificationPreferences,
  '0004_abuse_limits': abuseLimits,
  '0005_stranded_chats': strandedChats,
  '0006_quick_response_details': quickResponseDetails,
  '0007_teams': teams,
  '0008_awaiting_reply_backfill': awaitingReplyBackfill,
  '0009_team_quick_responses': teamQuickResponses,
  '0010_tickets': tickets,
  '0011_transfer_offers': transferOffers,
  '0012_attachments': attachments,
  '0013_mail_outbox': mailOutbox,
  '0014_mail_inbound': mailInbound,
  '0015_ticket_search': ticketSearch,
  '0016_ticket_attachments': ticketAttachments,
  '0017_mail_notices': mailNotices,
  '0018_chat_reports': chatReports,
  '0019_chat_search': chatSearch,
  '0022_visitors': visitors,
  '0023_ticket_ccs': ticketCcs,
  '0024_draft_uploads': draftUploads,
  '0025_desk_settings': deskSettings,
  '0026_chat_surveys': chatSurveys,
  '0027_ticket_views': ticketViews,
  '0028_team_opening_hours': teamOpeningHours,
  '0029_sla_completeness': slaCompleteness,
  '0030_ticket_reports': ticketReports,
  '0032_agent_status_changes': agentStatusChanges,
  '0033_ticket_surveys': ticketSurveys,
  '0034_people_search': peopleSearch,
  '0036_report_chat_dimensions': reportChatDimensions,
  '0037_report_chat_days': reportChatDays,
  '0038_ticket_report_covering': ticketReportCovering,
  '0039_status_change_capacity': statusChangeCapacity,
};
