import { expect, test, uniqueEmail } from './fixtures'
import { ClientsPage } from './pages/clients-page'
import { dayFromToday, expectNoSeriousA11yIssues, screenshots } from './support/review'

test('a doula fills in a client’s address, partner and lead source, and bad input is refused on its field', async ({ page, signupPage }) => {
  test.setTimeout(180_000)
  await signupPage.signUpAndSignIn({ fullName: 'Rosa Díaz', practiceName: 'Details Doula Care', email: uniqueEmail('details') })
  const clients = new ClientsPage(page)
  await clients.create({ firstName: 'Maya', lastName: 'Lopez', dueDate: dayFromToday(100) })

  const card = page.getByTestId('client-details')
  await expect(card.getByTestId('client-details-address')).toHaveText('Not given')
  await card.getByTestId('client-details-edit').click()
  const dialog = page.getByTestId('client-details-dialog')
  await dialog.getByLabel('Street and number').fill('12 Harbor Lane')
  await dialog.getByLabel('City').fill('Portland')
  await dialog.getByLabel('Postal code').fill('04101')
  await dialog.getByTestId('client-details-add-contact').click()
  await dialog.getByLabel('Relation (partner, mother, friend…)').fill('partner')
  await dialog.getByLabel('Email').fill('not-an-email')
  await dialog.getByLabel('Lead source (referral, website, …)').fill('Instagram')
  await dialog.getByLabel('UTM campaign').fill('spring')
  await dialog.getByTestId('client-details-save').click()
  await expect(dialog.getByText('Enter a name, or remove this contact.')).toBeVisible()
  await expect(dialog.getByText('Enter a valid email address, like name@example.com.')).toBeVisible()
  await expectNoSeriousA11yIssues(page)
  await screenshots(page, 'client-details-errors')

  await dialog.getByLabel('Name').fill('Sam Lopez')
  await dialog.getByLabel('Email').fill('sam@example.com')
  await dialog.getByTestId('client-details-save').click()
  await expect(dialog).toBeHidden()
  await expect(card.getByTestId('client-details-address')).toHaveText('12 Harbor Lane 04101 Portland')
  await expect(card.getByTestId('client-details-contacts')).toContainText('Sam Lopez (partner)')
  await expect(card.getByTestId('client-details-contacts')).toContainText('sam@example.com')
  await expect(card.getByTestId('client-details-source')).toContainText('Instagramcampaign: spring')

  // Kept after a reload, and shown again in the form.
  await page.reload()
  await expect(card.getByTestId('client-details-contacts')).toContainText('Sam Lopez (partner)')
  await expectNoSeriousA11yIssues(page)
  await screenshots(page, 'client-details')
  await card.getByTestId('client-details-edit').click()
  await expect(dialog.getByLabel('Name')).toHaveValue('Sam Lopez')
  await dialog.getByRole('button', { name: 'Cancel' }).click()

  // Her own on-call window: a backwards one is refused on its field, a good one moves the window shown.
  const onCall = page.getByTestId('client-on-call-override')
  await onCall.getByLabel('From week').fill('39')
  await onCall.getByLabel('To week').fill('38')
  await onCall.getByTestId('client-on-call-save').click()
  await expect(onCall.getByText('The window must end in or after the week it starts.')).toBeVisible()
  await expectNoSeriousA11yIssues(page)
  await onCall.getByLabel('To week').fill('41')
  await onCall.getByTestId('client-on-call-save').click()
  // Due in 100 days: week 39 starts 7 days before the due date.
  await expect(page.getByTestId('client-on-call')).toContainText(formatShort(dayFromToday(93)))
  await page.reload()
  await expect(page.getByTestId('client-on-call-override').getByLabel('From week')).toHaveValue('39')
})

const formatShort = (date: string) =>
  new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`))
