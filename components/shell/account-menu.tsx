'use client'
import { ArrowLeftRight, LogOut, UserRound } from 'lucide-react'
import Link from 'next/link'
import { useRef } from 'react'
import { Avatar } from '@/components/ui/avatar'
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu'

/** The other place a person who is both a doula and a client can go: the dashboard or her portal. */
export interface AccountSwitch {
  href: string
  label: string
}

/**
 * The person's menu. Sign-out submits a real POST form that lives outside the menu, because the
 * menu unmounts its items as it closes.
 */
export function AccountMenu({
  email,
  name,
  switchTo,
  accountHref,
}: {
  email: string
  name: string | null
  switchTo?: AccountSwitch
  /** Her own account page (name, email, other devices). */
  accountHref?: string
}) {
  const signOutForm = useRef<HTMLFormElement>(null)
  return (
    <>
      <form ref={signOutForm} action="/auth/signout" method="post" hidden />
      <DropdownMenu>
        <DropdownMenuTrigger
          className="rounded-full focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
          data-test="account-menu"
        >
          <Avatar name={name ?? email} />
          <span className="sr-only">Open account menu</span>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          <DropdownMenuLabel>
            Signed in as
            {name ? <span className="block text-sm font-medium text-foreground">{name}</span> : null}
            <span className="block truncate text-sm font-medium text-foreground">{email}</span>
          </DropdownMenuLabel>
          <DropdownMenuSeparator />
          {accountHref ? (
            <DropdownMenuItem asChild data-test="account-page-link">
              <Link href={accountHref}>
                <UserRound aria-hidden />
                Your account
              </Link>
            </DropdownMenuItem>
          ) : null}
          {switchTo ? (
            <DropdownMenuItem asChild data-test="account-switch">
              <Link href={switchTo.href}>
                <ArrowLeftRight aria-hidden />
                {switchTo.label}
              </Link>
            </DropdownMenuItem>
          ) : null}
          <DropdownMenuItem onSelect={() => signOutForm.current?.requestSubmit()} data-test="sign-out">
            <LogOut aria-hidden />
            Sign out
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
    </>
  )
}
