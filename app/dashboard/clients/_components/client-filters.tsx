import { Search } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { type ClientListParams } from '@/lib/clients/client.schema'
import { selectClassName } from '../../_components/select-field'
import { JOURNEY_STATUS_LABELS, JOURNEY_STATUSES } from '@/lib/journeys/journey.schema'

/** A plain GET form: filters live in the URL, so a filtered list can be bookmarked and works without JavaScript. */
export function ClientFilters({ params, members }: { params: ClientListParams; members: { id: string; name: string }[] }) {
  return (
    <form method="get" role="search" aria-label="Filter clients" className="mb-6 grid grid-cols-2 gap-3 lg:grid-cols-4" data-test="clients-filters">
      <div className="relative col-span-2 lg:col-span-3">
        <label htmlFor="q" className="sr-only">
          Search by name or email
        </label>
        <Search aria-hidden className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" />
        <Input id="q" name="q" type="search" placeholder="Search by name or email" defaultValue={params.q} className="pl-9" data-test="clients-search" />
      </div>
      <label className="sr-only" htmlFor="status">Status</label>
      <select id="status" name="status" defaultValue={params.status ?? ''} className={selectClassName} data-test="clients-filter-status">
        <option value="">Any status</option>
        {JOURNEY_STATUSES.map((s) => (
          <option key={s} value={s}>
            {JOURNEY_STATUS_LABELS[s]}
          </option>
        ))}
      </select>
      <label className="sr-only" htmlFor="doula">Doula</label>
      <select id="doula" name="doula" defaultValue={params.doula ?? ''} className={selectClassName}>
        <option value="">Any doula</option>
        {members.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
          </option>
        ))}
      </select>
      <div className="relative">
        <label htmlFor="due" className="pointer-events-none absolute -top-2 left-2 bg-background px-1 text-xs text-muted-foreground">
          Due month
        </label>
        <Input id="due" name="due" type="month" defaultValue={params.due ?? ''} />
      </div>
      <label className="sr-only" htmlFor="sort">Sort by</label>
      <select id="sort" name="sort" defaultValue={params.sort} className={selectClassName}>
        <option value="name">Sort by name</option>
        <option value="due_date">Sort by due date</option>
      </select>
      <div className="col-span-2 flex items-center justify-end gap-3 lg:col-span-1 lg:col-start-4 lg:row-start-1">
        <label className="flex items-center gap-2 text-sm whitespace-nowrap">
          <input type="checkbox" name="archived" value="1" defaultChecked={params.archived} className="size-4 accent-primary" />
          Archived
        </label>
        <Button type="submit" variant="secondary" className="h-11">
          Apply
        </Button>
      </div>
    </form>
  )
}
