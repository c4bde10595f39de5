'use client'
import { Menu } from 'lucide-react'
import { Dialog as DialogPrimitive } from 'radix-ui'
import { useState, type ReactNode } from 'react'
import { Button } from '@/components/ui/button'
import { NavLinks, type NavItem } from './nav-links'

/** The sidebar as a slide-over sheet on narrow screens; it closes itself after navigating. */
export function MobileNav({ items, homeHref, header }: { items: NavItem[]; homeHref: string; header: ReactNode }) {
  const [open, setOpen] = useState(false)
  return (
    <DialogPrimitive.Root open={open} onOpenChange={setOpen}>
      <DialogPrimitive.Trigger asChild>
        <Button variant="ghost" size="icon" className="md:hidden" data-test="mobile-nav-open">
          <Menu aria-hidden className="size-5" />
          <span className="sr-only">Open navigation</span>
        </Button>
      </DialogPrimitive.Trigger>
      <DialogPrimitive.Portal>
        <DialogPrimitive.Overlay className="fixed inset-0 z-40 bg-foreground/30 md:hidden" />
        <DialogPrimitive.Content className="fixed inset-y-0 left-0 z-50 flex w-72 max-w-[85vw] flex-col gap-6 border-r border-border bg-background p-4 md:hidden">
          <DialogPrimitive.Title className="sr-only">Navigation</DialogPrimitive.Title>
          <DialogPrimitive.Description className="sr-only">Go to another section</DialogPrimitive.Description>
          {header}
          <nav aria-label="Main">
            <NavLinks items={items} homeHref={homeHref} onNavigate={() => setOpen(false)} />
          </nav>
        </DialogPrimitive.Content>
      </DialogPrimitive.Portal>
    </DialogPrimitive.Root>
  )
}
