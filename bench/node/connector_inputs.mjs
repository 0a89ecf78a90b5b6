// Writes N conversations in each connector's input format, for bench/run_connectors.sh:
// twitter.csv, zendesk/{tickets,audits}.json, freshdesk/{tickets.csv,conversations.json},
// chatwoot/{conversations,messages}.json, and city.csv with city.toml (the generic CSV).
// Deterministic: the same N writes the same files.
//
// usage: node connector_inputs.mjs N DIR
import { mkdirSync, writeFileSync, createWriteStream } from 'node:fs';
import path from 'node:path';

const n = Number(process.argv[2]);
const dir = process.argv[3];
for (const d of ['zendesk', 'freshdesk', 'chatwoot']) mkdirSync(path.join(dir, d), { recursive: true });

const start = Date.UTC(2024, 0, 1) / 1000;
const iso = (s) => new Date(s * 1000).toISOString().replace('.000Z', 'Z');
const local = (s) => iso(s).replace('T', ' ').replace('Z', '');
const texts = ['My order is late', 'I was charged twice', 'Thanks, that fixed it', 'The app crashes on login', 'Still waiting for an answer'];
const replies = ['Sorry about that, looking into it now', 'Could you send us your order number?', 'Fixed, please try again'];
const at = (i) => start + i * 37;  // a conversation every 37 seconds

function lines(file, header, rows) {
  const out = createWriteStream(file);
  out.write(header + '\n');
  for (const r of rows()) out.write(r + '\n');
  out.end();
}
const q = (s) => `"${String(s).replace(/"/g, '""')}"`;

// Twitter: a customer tweet, the brand's reply, the customer's answer, the brand's last word.
lines(path.join(dir, 'twitter.csv'), 'tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id', function* () {
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const tw = (s) => {
    const d = new Date(s * 1000);
    const p = (x) => String(x).padStart(2, '0');
    return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000 ${d.getUTCFullYear()}`;
  };
  for (let i = 0; i < n; i++) {
    const id = i * 4 + 1, brand = `Brand${i % 20}`, customer = 100000 + (i % 5000);
    yield `${id},${customer},True,${tw(at(i))},${q(`@${brand} ${texts[i % 5]}`)},${id + 1},`;
    yield `${id + 1},${brand},False,${tw(at(i) + 600)},${q(`@${customer} ${replies[i % 3]}`)},${id + 2},${id}`;
    yield `${id + 2},${customer},True,${tw(at(i) + 900)},${q(`@${brand} ${texts[(i + 2) % 5]}`)},${id + 3},${id + 1}`;
    yield `${id + 3},${brand},False,${tw(at(i) + 1200)},${q(`@${customer} ${replies[(i + 1) % 3]}`)},,${id + 2}`;
  }
});

// Zendesk: tickets with users and groups sideloaded, and four audits per ticket.
{
  const users = [];
  for (let a = 0; a < 50; a++) users.push({ id: 1000 + a, name: `Agent ${a}`, role: 'agent', default_group_id: 1 + (a % 3) });
  for (let c = 0; c < 5000; c++) users.push({ id: 100000 + c, name: `Customer ${c}`, role: 'end-user' });
  const tickets = [], audits = [];
  for (let i = 0; i < n; i++) {
    const id = i + 1, requester = 100000 + (i % 5000), agent = 1000 + (i % 50), t = at(i);
    tickets.push({ id, created_at: iso(t), updated_at: iso(t + 7200), subject: texts[i % 5], priority: 'normal', status: 'solved',
      requester_id: requester, assignee_id: agent, group_id: 1 + (i % 3), tags: ['bench'], via: { channel: ['email', 'web', 'chat'][i % 3] },
      satisfaction_rating: i % 4 === 0 ? { id: id, score: i % 8 === 0 ? 'bad' : 'good' } : { score: 'unoffered' } });
    const ev = (k, type, extra) => ({ id: id * 10 + k, type, ...extra });
    audits.push({ id: id * 10, ticket_id: id, created_at: iso(t), author_id: requester,
      events: [ev(1, 'Create', { field_name: 'status', value: 'new' }), ev(2, 'Comment', { author_id: requester, body: texts[i % 5], public: true })] });
    audits.push({ id: id * 10 + 1, ticket_id: id, created_at: iso(t + 60), author_id: -1,
      events: [ev(3, 'Change', { field_name: 'assignee_id', value: String(agent), previous_value: null })] });
    audits.push({ id: id * 10 + 2, ticket_id: id, created_at: iso(t + 1800), author_id: agent,
      events: [ev(4, 'Comment', { author_id: agent, body: replies[i % 3], public: true }), ev(5, 'Change', { field_name: 'status', value: 'pending', previous_value: 'new' })] });
    audits.push({ id: id * 10 + 3, ticket_id: id, created_at: iso(t + 7200), author_id: agent,
      events: [ev(6, 'Change', { field_name: 'status', value: 'solved', previous_value: 'pending' })] });
  }
  writeFileSync(path.join(dir, 'zendesk', 'tickets.json'), JSON.stringify({ tickets, users, groups: [{ id: 1, name: 'Billing' }, { id: 2, name: 'Tech' }, { id: 3, name: 'General' }], end_of_stream: true }));
  writeFileSync(path.join(dir, 'zendesk', 'audits.json'), JSON.stringify({ audits }));
}

// Freshdesk: the ticket export; every tenth ticket also with its conversations.
{
  const conversations = [];
  lines(path.join(dir, 'freshdesk', 'tickets.csv'),
    'Ticket ID,Subject,Status,Priority,Source,Type,Agent,Group,Created time,Resolved time,Closed time,Last update time,Initial response time,Tags,Survey results,Contact ID',
    function* () {
      for (let i = 0; i < n; i++) {
        const t = at(i), id = i + 1;
        yield [id, q(texts[i % 5]), 'Resolved', 'Medium', ['Email', 'Portal', 'Chat'][i % 3], 'Question', `Agent ${i % 50}`, ['Billing', 'Tech'][i % 2],
          local(t), local(t + 7200), '', local(t + 7200), local(t + 1800), 'bench', i % 4 === 0 ? 'Awesome' : '', 100000 + (i % 5000)].join(',');
        if (i % 10 === 0) {
          conversations.push({ id: id * 10, body_text: replies[i % 3], incoming: false, private: false, ticket_id: id, created_at: iso(t + 1800) });
          conversations.push({ id: id * 10 + 1, body_text: texts[(i + 2) % 5], incoming: true, private: false, ticket_id: id, created_at: iso(t + 3600) });
        }
      }
    });
  writeFileSync(path.join(dir, 'freshdesk', 'conversations.json'), JSON.stringify(conversations));
}

// Chatwoot: conversations, and four messages each (customer, agent, customer, resolution).
{
  const conversations = [], messages = [];
  for (let i = 0; i < n; i++) {
    const id = i + 1, t = at(i), contact = 100000 + (i % 5000), agent = 1 + (i % 50);
    conversations.push({ id, inbox_id: 1 + (i % 2), status: 'resolved', created_at: t, timestamp: t + 3600, channel: ['Channel::WebWidget', 'Channel::Email'][i % 2],
      labels: ['bench'], meta: { sender: { id: contact, type: 'contact' }, assignee: { id: agent, name: `Agent ${agent}`, type: 'user' } } });
    messages.push({ id: id * 10, conversation_id: id, message_type: 0, content: texts[i % 5], created_at: t, sender: { id: contact, type: 'contact' } });
    messages.push({ id: id * 10 + 1, conversation_id: id, message_type: 1, content: replies[i % 3], created_at: t + 600, sender: { id: agent, name: `Agent ${agent}`, type: 'user' } });
    messages.push({ id: id * 10 + 2, conversation_id: id, message_type: 0, content: texts[(i + 2) % 5], created_at: t + 900, sender: { id: contact, type: 'contact' } });
    messages.push({ id: id * 10 + 3, conversation_id: id, message_type: 2, content: `Conversation was marked resolved by Agent ${agent}`, created_at: t + 3600 });
  }
  writeFileSync(path.join(dir, 'chatwoot', 'conversations.json'), JSON.stringify({ data: { meta: {}, payload: conversations } }));
  writeFileSync(path.join(dir, 'chatwoot', 'messages.json'), JSON.stringify({ payload: messages }));
}

// The generic CSV: a city's service requests, closed ones with a closing event.
lines(path.join(dir, 'city.csv'), 'Unique Key,Created Date,Closed Date,Agency,Complaint Type,Open Data Channel Type', function* () {
  const us = (s) => {
    const d = new Date(s * 1000), p = (x) => String(x).padStart(2, '0');
    const h = d.getUTCHours() % 12 || 12;
    return `${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())}/${d.getUTCFullYear()} ${p(h)}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} ${d.getUTCHours() < 12 ? 'AM' : 'PM'}`;
  };
  for (let i = 0; i < n; i++) yield `${i + 1},${us(at(i))},${i % 3 ? us(at(i) + 86400) : ''},${['NYPD', 'DSNY', 'HPD'][i % 3]},${q(texts[i % 5])},${['PHONE', 'ONLINE', 'MOBILE'][i % 3]}`;
});
writeFileSync(path.join(dir, 'city.toml'), `timezone = "America/New_York"

[tickets]
ticket_id = "Unique Key"
created_at = { column = "Created Date", format = "%m/%d/%Y %I:%M:%S %p" }
channel = { column = "Open Data Channel Type", values = { PHONE = "phone", ONLINE = "web", MOBILE = "app" } }
topic = "Complaint Type"
queue = "Agency"

[[events]]
event_id = { template = "{Unique Key}-closed" }
ticket_id = "Unique Key"
at = { column = "Closed Date", format = "%m/%d/%Y %I:%M:%S %p" }
type = { value = "status" }
actor_kind = { value = "system" }
status = { value = "closed" }
`);
