'use client'
import { ChevronsUpDown } from 'lucide-react'
import { useAction } from 'next-safe-action/hooks'
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu'
import { switchPracticeAction } from '@/lib/practice/actions'

export interface PracticeOption {
  id: string
  name: string
}

/** The active practice's name; a menu to switch only when the person belongs to several. */
export function PracticeSwitcher({ practices, activeId }: { practices: PracticeOption[]; activeId: string }) {
  const { execute, isPending } = useAction(switchPracticeAction)
  const active = practices.find((p) => p.id === activeId)
  const name = <span className="truncate" data-test="practice-name">{active?.name}</span>
  if (practices.length < 2) {
    return <div className="flex min-w-0 items-center px-3 py-2 text-sm font-semibold">{name}</div>
  }
  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        disabled={isPending}
        data-test="practice-switcher"
        className="flex w-full min-w-0 items-center justify-between gap-2 rounded-md border border-border bg-card px-3 py-2 text-left text-sm font-semibold hover:bg-muted"
      >
        {name}
        <ChevronsUpDown aria-hidden className="size-4 shrink-0 text-muted-foreground" />
        <span className="sr-only">Switch practice</span>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-64">
        <DropdownMenuLabel>Your practices</DropdownMenuLabel>
        <DropdownMenuRadioGroup value={activeId} onValueChange={(practiceId) => execute({ practiceId })}>
          {practices.map((p) => (
            <DropdownMenuRadioItem key={p.id} value={p.id}>
              {p.name}
            </DropdownMenuRadioItem>
          ))}
        </DropdownMenuRadioGroup>
      </DropdownMenuContent>
    </DropdownMenu>
  )
}
