import {
  Baby,
  CalendarDays,
  Download,
  FileLock2,
  LockKeyhole,
  MessagesSquare,
  NotebookPen,
  Users,
  type LucideIcon,
} from 'lucide-react'
import Link from 'next/link'
import { Button } from '@/components/ui/button'
import { formatAmount, PLAN_IDS, PLANS, TRIAL_DAYS } from '@/lib/billing/plans'

const features: { icon: LucideIcon; title: string; body: string }[] = [
  {
    icon: Users,
    title: 'Clients and pregnancies',
    body: 'Each client has one record that keeps every pregnancy, due date and birth. DoulaOS works out the gestational age for you, week by week.',
  },
  {
    icon: Baby,
    title: 'On-call windows you can see',
    body: 'Your on-call window follows each due date (38 to 42 weeks by default, or the weeks you choose), so you can see overlapping births before you take on a new client.',
  },
  {
    icon: CalendarDays,
    title: 'Calendar',
    body: 'Consultations, prenatal and postpartum visits live on one calendar in your practice’s time zone, beside who is on call.',
  },
  {
    icon: NotebookPen,
    title: 'Private notes',
    body: 'Notes from each visit stay with your practice. Clients never see them: the database itself refuses, whatever the app shows.',
  },
  {
    icon: MessagesSquare,
    title: 'A portal for your clients',
    body: 'Clients sign in with a link sent to their email, no password. They see their appointments and the milestones you share, message you and share documents with you.',
  },
  {
    icon: FileLock2,
    title: 'Documents, kept private',
    body: 'Health documents and the files you share are stored privately. Every download uses a link that expires within a minute and is recorded.',
  },
]

export default function LandingPage() {
  return (
    <>
      <section className="mx-auto max-w-6xl px-4 pt-16 pb-14 sm:px-6 sm:pt-24">
        <p className="text-sm font-semibold tracking-wide text-primary uppercase">For doulas and doula teams</p>
        <h1 className="mt-3 max-w-3xl text-4xl leading-tight font-semibold tracking-tight text-balance sm:text-5xl">
          Less admin, more time with the families you support.
        </h1>
        <p className="mt-5 max-w-2xl text-lg text-muted-foreground">
          DoulaOS keeps your clients, their pregnancies and on-call windows, your calendar, your private notes
          and a client portal in one calm, private place.
        </p>
        <div className="mt-8 flex flex-col gap-3 sm:flex-row">
          <Button asChild size="lg">
            <Link href="/signup" data-test="hero-signup">
              Open your practice
            </Link>
          </Button>
          <Button asChild size="lg" variant="outline">
            <Link href="/security">How we protect your clients</Link>
          </Button>
        </div>
      </section>

      <section aria-labelledby="features" className="border-y border-border/70 bg-card/60">
        <div className="mx-auto max-w-6xl px-4 py-16 sm:px-6">
          <h2 id="features" className="text-2xl font-semibold tracking-tight">
            Everything a practice runs on
          </h2>
          <ul className="mt-8 grid gap-6 sm:grid-cols-2 lg:grid-cols-3">
            {features.map(({ icon: Icon, title, body }) => (
              <li key={title} className="rounded-xl border border-border bg-card p-6 shadow-card">
                <div className="flex size-10 items-center justify-center rounded-lg bg-accent text-accent-foreground">
                  <Icon aria-hidden className="size-5" />
                </div>
                <h3 className="mt-4 font-semibold">{title}</h3>
                <p className="mt-2 text-sm leading-6 text-muted-foreground">{body}</p>
              </li>
            ))}
          </ul>
        </div>
      </section>

      <section aria-labelledby="pricing" className="mx-auto max-w-6xl px-4 pt-16 sm:px-6" data-test="pricing">
        <h2 id="pricing" className="text-2xl font-semibold tracking-tight">
          Pricing
        </h2>
        <p className="mt-2 text-muted-foreground">
          Every plan has every feature. Start with {TRIAL_DAYS} days free, no card needed; cancel any time.
        </p>
        <ul className="mt-8 grid gap-6 md:grid-cols-2">
          {PLAN_IDS.map((id) => {
            const plan = PLANS[id]
            return (
              <li key={id} className="rounded-xl border border-border bg-card p-6 shadow-card">
                <h3 className="font-semibold">{plan.name}</h3>
                <p className="mt-3">
                  <span className="text-3xl font-semibold tracking-tight">{formatAmount(plan.amounts.month)}</span>
                  <span className="text-muted-foreground"> a month{plan.perSeat ? ' per seat' : ''}</span>
                </p>
                <p className="mt-1 text-sm text-muted-foreground">
                  or {formatAmount(plan.amounts.year)} a year{plan.perSeat ? ' per seat' : ''} (two months free)
                </p>
                <p className="mt-4 text-sm leading-6 text-muted-foreground">{plan.description}</p>
              </li>
            )
          })}
        </ul>
      </section>

      <section className="mx-auto grid max-w-6xl gap-10 px-4 py-16 sm:px-6 md:grid-cols-2">
        <div>
          <div className="flex items-center gap-2 text-primary">
            <LockKeyhole aria-hidden className="size-5" />
            <h2 className="text-xl font-semibold tracking-tight text-foreground">Private by design</h2>
          </div>
          <p className="mt-3 text-muted-foreground">
            Every practice is walled off from every other one by rules inside the database, not just by the
            screens you see. We do not sell data, and we do not show ads.{' '}
            <Link href="/privacy" className="text-primary underline underline-offset-4 hover:decoration-2">
              Read our privacy notice
            </Link>
            .
          </p>
        </div>
        <div>
          <div className="flex items-center gap-2 text-primary">
            <Download aria-hidden className="size-5" />
            <h2 className="text-xl font-semibold tracking-tight text-foreground">Yours to take or delete</h2>
          </div>
          <p className="mt-3 text-muted-foreground">
            Export everything your practice holds at any time. If you close your account, we delete your
            practice, its files and the logins that belong only to it, and email you a receipt.
          </p>
        </div>
      </section>
    </>
  )
}
