'use client'
import { Check, Copy, Link2 } from 'lucide-react'
import { useAction } from 'next-safe-action/hooks'
import { useId, useState } from 'react'
import { Button } from '@/components/ui/button'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { StatusMessage } from '@/components/ui/status-message'
import { createFeedAction, revokeFeedAction, setFeedPrivateAction } from '@/lib/calendar/actions'

/**
 * "Subscribe in your calendar app": her own secret feed URL. Only the token's hash is stored, so the
 * URL is shown once, right after it is created; losing it means regenerating it.
 */
export function FeedPanel({ feed }: { feed: { private: boolean; createdAt: string } | null }) {
  const id = useId()
  const [url, setUrl] = useState<string | null>(null)
  const [copied, setCopied] = useState(false)
  const [isPrivate, setIsPrivate] = useState(feed?.private ?? false)
  const create = useAction(createFeedAction, {
    onSuccess: ({ data }) => {
      setCopied(false)
      setUrl(`${window.location.origin}/api/calendar/${data.token}`)
    },
  })
  const revoke = useAction(revokeFeedAction, { onSuccess: () => setUrl(null) })
  const setPrivate = useAction(setFeedPrivateAction)
  const error = create.result.serverError ?? revoke.result.serverError ?? setPrivate.result.serverError
  const copy = async () => {
    if (!url) return
    await navigator.clipboard.writeText(url)
    setCopied(true)
  }

  return (
    <Card data-test="feed-panel">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <Link2 aria-hidden className="size-4" /> Subscribe in your calendar app
        </CardTitle>
        <CardDescription>
          Your own appointments and on-call days, in Google Calendar, Apple Calendar or Outlook. Updates reach your app within a few hours.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <label className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            className="mt-0.5 size-4 accent-primary"
            checked={isPrivate}
            data-test="feed-private"
            onChange={(e) => {
              setIsPrivate(e.target.checked)
              if (feed) setPrivate.execute({ private: e.target.checked })
            }}
          />
          <span>
            <span className="font-medium">Private</span>
            <span className="block text-muted-foreground">Show “Prenatal visit” without her name or address, for calendars others can see.</span>
          </span>
        </label>

        {url ? (
          <div className="flex flex-col gap-2 rounded-lg border border-border bg-muted/60 p-4" data-test="feed-url-box">
            <label htmlFor={`${id}-url`} className="text-sm font-medium">
              Your feed URL (shown only now)
            </label>
            <div className="flex flex-col gap-2 sm:flex-row">
              <input
                id={`${id}-url`}
                readOnly
                value={url}
                data-test="feed-url"
                onFocus={(e) => e.target.select()}
                className="h-10 min-w-0 flex-1 rounded-md border border-input bg-card px-3 font-mono text-sm"
              />
              <Button variant="outline" onClick={copy} data-test="feed-copy">
                {copied ? <Check aria-hidden /> : <Copy aria-hidden />} {copied ? 'Copied' : 'Copy'}
              </Button>
            </div>
            <p className="text-sm text-muted-foreground" role="status">
              In your calendar app choose “Add calendar from URL” (Google: Other calendars → From URL; Apple: File → New Calendar
              Subscription) and paste it. Anyone with this URL can see the calendar: keep it to yourself.
            </p>
          </div>
        ) : feed ? (
          <p className="text-sm text-muted-foreground" data-test="feed-status">
            Your feed is on. For safety its URL is shown only once; regenerate it to see a new one (the old one then stops working).
          </p>
        ) : null}

        {error ? <StatusMessage tone="error">{error}</StatusMessage> : null}
        <div className="flex flex-wrap gap-2">
          <Button onClick={() => create.execute({ private: isPrivate })} disabled={create.isPending} data-test="feed-create">
            {create.isPending ? 'Creating…' : feed || url ? 'Regenerate URL' : 'Create my feed URL'}
          </Button>
          {feed || url ? (
            <Button variant="outline" onClick={() => revoke.execute({})} disabled={revoke.isPending} data-test="feed-revoke">
              Turn off the feed
            </Button>
          ) : null}
        </div>
      </CardContent>
    </Card>
  )
}
