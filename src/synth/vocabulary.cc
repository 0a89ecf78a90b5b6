#include "synth/vocabulary.h"

namespace supportlens::synth {

const std::array<TopicInfo, kTopicCount> kTopics = {{
    {"billing", kBillingQueue, 14, 0.10, 1.0,
     {"Question about my invoice", "Charged twice, please check", "VAT number missing on the invoice",
      "Invoice shows the wrong plan, \"Pro\" instead of \"Basic\""},
     {"invoice", "payment", "vat"}},
    {"refund", kBillingQueue, 8, 0.30, 1.1,
     {"Refund request", "Where is my refund?", "Refund for order, item never arrived",
      "Please refund the annual plan"},
     {"payment", "order", "card"}},
    {"login", kTechnicalQueue, 11, 0.08, 1.3,
     {"Cannot log in", "Password reset email never arrives", "Two-factor code rejected",
      "\"Session expired\" every few minutes"},
     {"mobile_app", "sso", "2fa"}},
    {"shipping", kGeneralQueue, 12, 0.22, 1.0,
     {"Where is my order?", "Package damaged, box was open", "Wrong delivery address",
      "Tracking says delivered, nothing arrived"},
     {"order", "carrier", "eu"}},
    {"bug", kTechnicalQueue, 10, 0.15, 1.6,
     {"Export fails with an error", "Dashboard is blank after update", "App crashes on start",
      "Report totals are wrong, numbers don't add up"},
     {"mobile_app", "web_app", "api"}},
    {"feature_request", kGeneralQueue, 6, 0.02, 0.6,
     {"Feature request: dark mode", "Can you add CSV export?", "Please support SSO",
      "Idea: bulk edit, filters, saved views"},
     {"web_app", "roadmap", "api"}},
    {"account", kGeneralQueue, 12, 0.05, 0.9,
     {"Change the account owner", "Update company details", "Add a new user to our account",
      "Merge two accounts"},
     {"admin", "users", "gdpr"}},
    {"cancellation", kBillingQueue, 5, 0.35, 1.2,
     {"Cancel my subscription", "How do I close my account?", "Cancel, the price is too high",
      "Stop auto-renewal"},
     {"churn_risk", "subscription", "pricing"}},
    {"onboarding", kGeneralQueue, 8, 0.03, 0.8,
     {"Help getting started", "How do I import my data?", "Setting up the team workspace",
      "Training session for new users"},
     {"setup", "import", "training"}},
    {"integration", kTechnicalQueue, 7, 0.10, 1.5,
     {"Webhook not firing", "API returns 401", "Salesforce sync stopped",
      "Zapier integration: \"invalid token\""},
     {"api", "webhook", "crm"}},
}};

const std::array<std::string_view, 6> kCustomerFollowUps = {
    "Thanks, here are the details you asked for.", "I tried that, see the screenshot attached.",
    "Any update on this?", "Yes, that is the right account.", "It happens on both devices.",
    "Okay, I will wait for your answer."};
const std::array<std::string_view, 6> kCustomerNegative = {
    "This is really frustrating, it still does not work.", "I have been waiting for days, this is unacceptable.",
    "Very disappointed with the service so far.", "Why does nobody answer? I need this fixed now.",
    "Third time I am writing about this, terrible.", "Angry: you charged me again!"};
const std::array<std::string_view, 5> kCustomerPositive = {
    "Thank you, that worked perfectly!", "Great, problem solved. Thanks a lot.", "Perfect, thanks for the quick help.",
    "Excellent support, much appreciated.", "Works now, you are awesome."};
const std::array<std::string_view, 4> kCustomerReopen = {
    "Sorry, the problem is back.", "It worked for a day, now it fails again.",
    "Not fixed, same error as before.", "Still broken, please reopen."};
const std::array<std::string_view, 6> kAgentReplies = {
    "Thanks for reaching out, I am looking into this now.", "Could you send us a screenshot of the error?",
    "I have fixed this on our side, please try again.", "I escalated this internally and will keep you posted.",
    "Here is a step-by-step guide, let me know if it helps.", "Done, the change is live on your account."};
const std::array<std::string_view, 4> kInternalNotes = {
    "Internal: checked logs, looks like a known issue.", "Internal: customer is on the legacy plan.",
    "Internal: waiting on engineering.", "Internal: verified identity, ok to proceed."};
const std::array<std::string_view, 4> kBotAnswers = {
    "Hi! I can help with that. Here is an article that may solve it.",
    "Hello, I am the virtual assistant. Did this answer help?",
    "I found these steps for your question, does that fix it?",
    "Thanks for your message. Let me check what I can do."};
const std::array<std::string_view, 3> kAskForHuman = {
    "That did not help, I want to talk to a person.", "Agent please.", "Can a human look at this?"};
const std::array<std::string_view, 5> kPositiveComments = {
    "Fast and friendly", "Quick, clear answer", "Great help, thanks!", "Solved on the first try",
    "Very \"human\" support, loved it"};
const std::array<std::string_view, 5> kNegativeComments = {
    "Took far too long", "Had to explain everything twice, then again", "Issue came back",
    "Nobody told me it was \"escalated\"", "Slow, unhelpful"};
const std::array<std::string_view, 16> kFirstNames = {"Anna", "Ben", "Clara", "David", "Elif", "Felix", "Greta", "Hugo",
                                                      "Ines", "Jonas", "Kim", "Lena", "Mehmet", "Nora", "Oskar", "Paula"};
const std::array<std::string_view, 16> kLastNames = {"Schmidt", "Meyer", "Weber", "Fischer", "Wagner", "Becker",
                                                     "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Neumann",
                                                     "Schulz", "Kaya", "Novak", "Rossi"};

}  // namespace supportlens::synth
