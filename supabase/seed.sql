-- Demo data for local development: one practice, two doulas, eight clients at every stage, and a
-- portal login. Every date is relative to now() so the demo always looks current.
--
-- Logins (magic link through the local mailbox, or password `harbor-demo-2026`):
--   maya@demo.doulaos.app     owner of Harbor Doula Collective
--   ana@demo.doulaos.app      doula
--   client1@demo.doulaos.app  Olivia Bennett's client portal

insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
                        raw_app_meta_data, raw_user_meta_data, created_at, updated_at, last_sign_in_at)
values
  ('00000000-0000-0000-0000-000000000000', '5eed0000-0000-4000-8000-000000000001', 'authenticated', 'authenticated',
   'maya@demo.doulaos.app', extensions.crypt('harbor-demo-2026', extensions.gen_salt('bf')), now() - interval '120 days',
   '{"provider":"email","providers":["email"]}', '{"full_name":"Maya Rivera","practice_name":"Harbor Doula Collective"}',
   now() - interval '120 days', now(), now() - interval '1 day'),
  ('00000000-0000-0000-0000-000000000000', '5eed0000-0000-4000-8000-000000000002', 'authenticated', 'authenticated',
   'ana@demo.doulaos.app', extensions.crypt('harbor-demo-2026', extensions.gen_salt('bf')), now() - interval '90 days',
   '{"provider":"email","providers":["email"]}', '{"full_name":"Ana Lopez"}',
   now() - interval '90 days', now(), now() - interval '2 days'),
  ('00000000-0000-0000-0000-000000000000', '5eed0000-0000-4000-8000-000000000003', 'authenticated', 'authenticated',
   'client1@demo.doulaos.app', extensions.crypt('harbor-demo-2026', extensions.gen_salt('bf')), now() - interval '60 days',
   '{"provider":"email","providers":["email"]}', '{"full_name":"Olivia Bennett"}',
   now() - interval '60 days', now(), now() - interval '3 days');

insert into auth.identities (provider_id, user_id, identity_data, provider, created_at, updated_at, last_sign_in_at)
select u.id::text, u.id, jsonb_build_object('sub', u.id::text, 'email', u.email, 'email_verified', true),
       'email', u.created_at, now(), u.last_sign_in_at
from auth.users u
where u.email like '%@demo.doulaos.app';

insert into public.profiles (id, full_name, email) values
  ('5eed0000-0000-4000-8000-000000000001', 'Maya Rivera', 'maya@demo.doulaos.app'),
  ('5eed0000-0000-4000-8000-000000000002', 'Ana Lopez', 'ana@demo.doulaos.app');

insert into public.practices (id, name, slug, time_zone, capacity_max_due_dates, capacity_window_days, created_by, created_at)
values ('5eed1000-0000-4000-8000-000000000001', 'Harbor Doula Collective', 'harbor-doula-collective',
        'America/New_York', 4, 30, '5eed0000-0000-4000-8000-000000000001', now() - interval '120 days');

insert into public.practice_members (practice_id, user_id, role) values
  ('5eed1000-0000-4000-8000-000000000001', '5eed0000-0000-4000-8000-000000000001', 'owner'),
  ('5eed1000-0000-4000-8000-000000000001', '5eed0000-0000-4000-8000-000000000002', 'doula');

-- Eight clients, one journey each. weeks = how far along she is today (due date = today + 280 - 7 * weeks).
create temporary table demo_clients (
  n int primary key, first_name text, last_name text, pronouns text, email text, phone text,
  status text, weeks int, born_days_ago int, primary_doula int, lead_source text
);
insert into demo_clients values
  (1, 'Sofia',  'Martinez', 'she/her',   'sofia.martinez@example.com', '+1 617 555 0101', 'lead',        8,  null, 1, 'website'),
  (2, 'Priya',  'Shah',     'she/her',   'priya.shah@example.com',     '+1 617 555 0102', 'consult',    12,  null, 1, 'referral'),
  (3, 'Hannah', 'Kim',      'she/her',   'hannah.kim@example.com',     '+1 617 555 0103', 'booked',      6,  null, 2, 'instagram'),
  (4, 'Grace',  'Okafor',   'she/they',  'grace.okafor@example.com',   '+1 617 555 0104', 'booked',     18,  null, 2, 'referral'),
  (5, 'Olivia', 'Bennett',  'she/her',   'client1@demo.doulaos.app',   '+1 617 555 0105', 'booked',     30,  null, 1, 'website'),
  (6, 'Zoe',    'Nguyen',   'she/her',   'zoe.nguyen@example.com',     '+1 617 555 0106', 'active',     40,  null, 1, 'hospital class'),
  (7, 'Leah',   'Cohen',    'she/her',   'leah.cohen@example.com',     '+1 617 555 0107', 'postpartum', null,   9, 2, 'referral'),
  (8, 'Emma',   'Wilson',   'she/her',   'emma.wilson@example.com',    '+1 617 555 0108', 'complete',   null, 120, 1, 'website');

insert into public.clients (id, practice_id, first_name, last_name, pronouns, email, phone, address, partner_contacts,
                            portal_user_id, lead_source, utm, created_by, created_at)
select ('5eed2000-0000-4000-8000-00000000000' || d.n)::uuid,
       '5eed1000-0000-4000-8000-000000000001',
       d.first_name, d.last_name, d.pronouns, d.email, d.phone,
       jsonb_build_object('line1', (100 + d.n * 7) || ' Harbor Street', 'city', 'Boston', 'region', 'MA',
                          'postal_code', '0211' || d.n, 'country', 'US'),
       jsonb_build_array(jsonb_build_object('name', 'Partner of ' || d.first_name, 'relationship', 'partner',
                                            'phone', '+1 617 555 02' || lpad(d.n::text, 2, '0'))),
       case when d.n = 5 then '5eed0000-0000-4000-8000-000000000003'::uuid end,
       d.lead_source,
       case when d.lead_source = 'website' then '{"source":"google","medium":"organic"}'::jsonb else '{}'::jsonb end,
       '5eed0000-0000-4000-8000-000000000001',
       now() - make_interval(days => 10 + d.n * 9)
from demo_clients d;

insert into public.journeys (id, practice_id, client_id, due_date, status, primary_doula_id, backup_doula_id,
                             born_at, birth_place, delivery_mode, baby_count)
select ('5eed3000-0000-4000-8000-00000000000' || d.n)::uuid,
       '5eed1000-0000-4000-8000-000000000001',
       ('5eed2000-0000-4000-8000-00000000000' || d.n)::uuid,
       case when d.weeks is not null then current_date + (280 - 7 * d.weeks)
            else current_date - d.born_days_ago + 3 end,
       d.status,
       ('5eed0000-0000-4000-8000-00000000000' || d.primary_doula)::uuid,
       case when d.status in ('booked', 'active', 'postpartum', 'complete')
            then ('5eed0000-0000-4000-8000-00000000000' || (3 - d.primary_doula))::uuid end,
       case when d.born_days_ago is not null then date_trunc('hour', now()) - make_interval(days => d.born_days_ago, hours => 5) end,
       case when d.born_days_ago is not null then (case when d.n = 7 then 'hospital' else 'birth_center' end) end,
       case when d.born_days_ago is not null then (case when d.n = 7 then 'vaginal' else 'vbac' end) end,
       case when d.born_days_ago is not null then 1 end
from demo_clients d;

-- Milestones along each pregnancy; the first two of each are shared with the client.
insert into public.milestones (practice_id, client_id, journey_id, title, kind, due_on, done_at, shared_with_client)
select '5eed1000-0000-4000-8000-000000000001',
       ('5eed2000-0000-4000-8000-00000000000' || d.n)::uuid,
       ('5eed3000-0000-4000-8000-00000000000' || d.n)::uuid,
       m.title, m.kind, j.due_date - m.days_before_due,
       case when j.due_date - m.days_before_due < current_date then now() - interval '1 day' end,
       m.shared
from demo_clients d
join public.journeys j on j.id = ('5eed3000-0000-4000-8000-00000000000' || d.n)::uuid
cross join (values
  ('Signed agreement and deposit', 'admin', 200, true),
  ('Birth preferences draft', 'prenatal', 70, true),
  ('Prenatal visit: comfort measures', 'prenatal', 42, false),
  ('On-call window begins', 'birth', 14, false),
  ('Postpartum check-in', 'postpartum', -7, false)
) as m(title, kind, days_before_due, shared)
where d.status <> 'lead';

-- Appointments this week and next.
insert into public.appointments (practice_id, client_id, journey_id, doula_id, kind, starts_at, ends_at, location,
                                 video_url, status, shared_with_client)
select '5eed1000-0000-4000-8000-000000000001',
       ('5eed2000-0000-4000-8000-00000000000' || a.n)::uuid,
       ('5eed3000-0000-4000-8000-00000000000' || a.n)::uuid,
       ('5eed0000-0000-4000-8000-00000000000' || a.doula)::uuid,
       a.kind,
       -- at_hour is a wall-clock hour in the practice's time zone.
       (date_trunc('day', now() at time zone 'America/New_York') + make_interval(days => a.in_days, hours => a.at_hour))
         at time zone 'America/New_York',
       (date_trunc('day', now() at time zone 'America/New_York') + make_interval(days => a.in_days, hours => a.at_hour, mins => a.minutes))
         at time zone 'America/New_York',
       a.location, a.video_url, 'scheduled', true
from (values
  (1, 1, 'consult',    1, 15, 45, null,                         'https://meet.example.com/harbor-sofia'),
  (2, 1, 'consult',    2, 10, 60, 'Harbor Doula Collective office', null),
  (3, 2, 'prenatal',   3, 13, 90, 'Client home',                 null),
  (5, 1, 'prenatal',   4, 11, 90, 'Client home',                 null),
  (6, 1, 'prenatal',   1, 17, 60, null,                          'https://meet.example.com/harbor-zoe'),
  (7, 2, 'postpartum', 2,  9, 120, 'Client home',                null),
  (4, 2, 'prenatal',   8, 14, 90, 'Client home',                 null),
  (5, 1, 'prenatal',  10, 11, 60, null,                          'https://meet.example.com/harbor-olivia'),
  (7, 2, 'postpartum', 9,  9, 120, 'Client home',                null)
) as a(n, doula, kind, in_days, at_hour, minutes, location, video_url);

insert into public.notes (practice_id, client_id, journey_id, author_id, body, created_at)
values
  ('5eed1000-0000-4000-8000-000000000001', '5eed2000-0000-4000-8000-000000000005', '5eed3000-0000-4000-8000-000000000005',
   '5eed0000-0000-4000-8000-000000000001', 'Prefers low lighting and music during labor. Partner will drive.', now() - interval '12 days'),
  ('5eed1000-0000-4000-8000-000000000001', '5eed2000-0000-4000-8000-000000000006', '5eed3000-0000-4000-8000-000000000006',
   '5eed0000-0000-4000-8000-000000000001', 'Back-up plan discussed: Ana covers if two births overlap.', now() - interval '5 days'),
  ('5eed1000-0000-4000-8000-000000000001', '5eed2000-0000-4000-8000-000000000007', '5eed3000-0000-4000-8000-000000000007',
   '5eed0000-0000-4000-8000-000000000002', 'Feeding going well; follow up on sleep routine at the next visit.', now() - interval '2 days');

insert into public.messages (practice_id, client_id, sender_id, sender_side, body, read_by_practice_at, read_by_client_at, created_at)
values
  ('5eed1000-0000-4000-8000-000000000001', '5eed2000-0000-4000-8000-000000000005', '5eed0000-0000-4000-8000-000000000001',
   'practice', 'Hi Olivia! Your next prenatal visit is on the calendar. Anything you would like to cover?', null,
   now() - interval '2 days 20 hours', now() - interval '3 days'),
  ('5eed1000-0000-4000-8000-000000000001', '5eed2000-0000-4000-8000-000000000005', '5eed0000-0000-4000-8000-000000000003',
   'client', 'Yes: positions for back labor, and what to pack for the hospital.', now() - interval '2 days',
   null, now() - interval '2 days 18 hours'),
  ('5eed1000-0000-4000-8000-000000000001', '5eed2000-0000-4000-8000-000000000005', '5eed0000-0000-4000-8000-000000000001',
   'practice', 'Perfect, I will bring the rebozo and a packing checklist.', null, null, now() - interval '1 day');

-- Olivia has the practice's starter intake form waiting in her portal.
insert into public.form_requests (practice_id, client_id, journey_id, template_id, kind, template_snapshot, note, due_on,
                                  requested_by, created_at, last_sent_at)
select t.practice_id, '5eed2000-0000-4000-8000-000000000005', '5eed3000-0000-4000-8000-000000000005', t.id, t.kind,
       jsonb_build_object('templateId', t.id, 'name', t.name, 'kind', t.kind, 'version', t.version,
                          'description', t.description, 'fields', t.fields, 'body', ''),
       'So we can plan your support: it takes about ten minutes.', current_date + 7,
       '5eed0000-0000-4000-8000-000000000001', now() - interval '1 day', now() - interval '1 day'
from public.form_templates t
where t.practice_id = '5eed1000-0000-4000-8000-000000000001' and t.kind = 'intake';

drop table demo_clients;
