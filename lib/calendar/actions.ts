'use server'
import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { practiceActionClient } from '@/lib/server/action-client'
import { FeedOptionsSchema } from './feed.schema'
import { createMyFeed, revokeMyFeed, setMyFeedPrivate } from './my-feed.service'

/** Creates her feed, or regenerates it (the old URL stops working). The token comes back once. */
export const createFeedAction = practiceActionClient.inputSchema(FeedOptionsSchema).action(async ({ clientInput, ctx }) => {
  const created = await createMyFeed(ctx.db, ctx.practice.practiceId, ctx.user.id, clientInput)
  revalidatePath('/dashboard/calendar')
  return created
})

export const revokeFeedAction = practiceActionClient.inputSchema(z.object({})).action(async ({ ctx }) => {
  await revokeMyFeed(ctx.db, ctx.practice.practiceId, ctx.user.id)
  revalidatePath('/dashboard/calendar')
  return { revoked: true }
})

export const setFeedPrivateAction = practiceActionClient.inputSchema(FeedOptionsSchema).action(async ({ clientInput, ctx }) => {
  await setMyFeedPrivate(ctx.db, ctx.practice.practiceId, ctx.user.id, clientInput)
  revalidatePath('/dashboard/calendar')
  return { private: clientInput.private }
})
