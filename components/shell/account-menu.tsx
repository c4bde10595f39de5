'use client'
import { LogOut } from 'lucide-react'
import { Avatar } from '@/components/ui/avatar'
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu'

const SIGN_OUT_FORM_ID = 'sign-out-form'

/** The person's menu. Sign-out is a real POST form, so it works without JavaScript as well. */
export function AccountMenu({ email }: { email: string }) {
  return (
    <>
      <form id={SIGN_OUT_FORM_ID} action="/auth/signout" method="post" hidden />
      <DropdownMenu>
        <DropdownMenuTrigger
          className="rounded-full focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
          data-test="account-menu"
        >
          <Avatar name={email} />
          <span className="sr-only">Open account menu</span>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          <DropdownMenuLabel>
            Signed in as
            <span className="block truncate text-sm font-medium text-foreground">{email}</span>
          </DropdownMenuLabel>
          <DropdownMenuSeparator />
          <DropdownMenuItem asChild>
            <button type="submit" form={SIGN_OUT_FORM_ID} className="w-full" data-test="sign-out">
              <LogOut aria-hidden />
              Sign out
            </button>
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
    </>
  )
}
