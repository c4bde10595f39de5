'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useHookFormAction } from '@next-safe-action/adapter-react-hook-form/hooks'
import { useAction } from 'next-safe-action/hooks'
import Link from 'next/link'
import { FormField } from '@/components/form-field'
import { Button } from '@/components/ui/button'
import { StatusMessage } from '@/components/ui/status-message'
import type { CalendarDate } from '@/lib/dates/calendar-date'
import { addTaskAction, setTaskDoneAction } from '@/lib/tasks/actions'
import type { Task } from '@/lib/tasks/queries'
import { TaskFormSchema } from '@/lib/tasks/task.schema'
import { formatDay } from './format'
import { SelectField } from './select-field'

interface TaskListProps {
  tasks: Task[]
  members: { userId: string; name: string }[]
  /** Set on a client's page: new to-dos are about her, and no client names are shown. */
  clientId?: string
}

/** The practice's (or one client's) to-dos: tick one off, add one. Members only; never in the portal. */
export function TaskList({ tasks, members, clientId }: TaskListProps) {
  const names = new Map(members.map((m) => [m.userId, m.name]))
  const toggle = useAction(setTaskDoneAction)
  return (
    <div className="flex flex-col gap-5" data-test="task-list">
      {tasks.length === 0 ? (
        <p className="text-sm text-muted-foreground" data-test="tasks-empty">
          Nothing to do yet.
        </p>
      ) : (
        <ul className="flex flex-col gap-3">
          {tasks.map((t) => (
            <li key={t.id} className="flex items-start gap-3" data-test="task">
              {/* Uncontrolled, so the tick shows at once; the key resets it when the server's answer differs. */}
              <input
                key={String(t.done)}
                id={`task-${t.id}`}
                type="checkbox"
                defaultChecked={t.done}
                disabled={toggle.isPending}
                onChange={(e) => toggle.execute({ taskId: t.id, done: e.target.checked })}
                className="mt-0.5 size-5 shrink-0 accent-primary"
                data-test="task-done"
              />
              <div className="min-w-0">
                <label htmlFor={`task-${t.id}`} className={t.done ? 'text-sm text-muted-foreground line-through' : 'text-sm font-medium'}>
                  {t.title}
                </label>
                <p className="text-sm text-muted-foreground">
                  {[
                    t.dueOn ? `Due ${formatDay(t.dueOn as CalendarDate)}` : null,
                    t.assigneeId ? names.get(t.assigneeId) ?? 'Team member' : 'Anyone',
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                  {!clientId && t.clientId ? (
                    <>
                      {' · '}
                      <Link href={`/dashboard/clients/${t.clientId}`} className="underline-offset-4 hover:underline">
                        {t.clientName}
                      </Link>
                    </>
                  ) : null}
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
      {toggle.result.serverError ? <StatusMessage tone="error">{toggle.result.serverError}</StatusMessage> : null}
      <AddTaskForm members={members} clientId={clientId ?? ''} />
    </div>
  )
}

function AddTaskForm({ members, clientId }: { members: TaskListProps['members']; clientId: string }) {
  const defaults = { title: '', dueOn: '', assigneeId: '', clientId }
  const { form, action } = useHookFormAction(addTaskAction, zodResolver(TaskFormSchema), {
    formProps: { defaultValues: defaults },
    actionProps: {
      onSuccess() {
        form.reset(defaults)
      },
    },
  })
  const { errors } = form.formState
  return (
    <form noValidate onSubmit={form.handleSubmit(() => action.execute(form.getValues()))} className="flex flex-col gap-3 border-t border-border pt-4" data-test="task-form">
      <FormField id={`task-title${clientId ? '-client' : ''}`} label="New to-do" error={errors.title?.message} {...form.register('title')} />
      <div className="grid gap-3 sm:grid-cols-2">
        <FormField id={`task-due${clientId ? '-client' : ''}`} label="Due (optional)" type="date" error={errors.dueOn?.message} {...form.register('dueOn')} />
        <SelectField
          id={`task-assignee${clientId ? '-client' : ''}`}
          label="For"
          error={errors.assigneeId?.message}
          options={[{ value: '', label: 'Anyone' }, ...members.map((m) => ({ value: m.userId, label: m.name }))]}
          {...form.register('assigneeId')}
        />
      </div>
      {errors.clientId?.message ? <StatusMessage tone="error">{errors.clientId.message}</StatusMessage> : null}
      {action.result.serverError ? <StatusMessage tone="error">{action.result.serverError}</StatusMessage> : null}
      <Button type="submit" disabled={action.isPending} className="self-start" data-test="task-add">
        {action.isPending ? 'Adding…' : 'Add to-do'}
      </Button>
    </form>
  )
}
