import { expect, type Page } from '@playwright/test'

export interface NewClient {
  firstName: string
  lastName: string
  dueDate: string
  acceptCapacity?: boolean
}

/** The dashboard's client pages: list, form and client page. */
export class ClientsPage {
  constructor(private readonly page: Page) {}

  async gotoList() {
    await this.page.goto('/dashboard/clients')
  }

  async openNew() {
    await this.page.goto('/dashboard/clients/new')
    await expect(this.page.getByTestId('client-form')).toBeVisible()
  }

  async fill({ firstName, lastName, dueDate }: NewClient) {
    await this.page.getByTestId('client-first-name').fill(firstName)
    await this.page.getByTestId('client-last-name').fill(lastName)
    await this.page.getByTestId('client-due-date').fill(dueDate)
  }

  async submit() {
    await this.page.getByTestId('client-submit').click()
  }

  async create(client: NewClient) {
    await this.openNew()
    await this.fill(client)
    await expect(this.page.getByTestId('capacity-panel')).toBeVisible()
    if (client.acceptCapacity) await this.page.getByTestId('client-accept-capacity').check()
    await this.submit()
    await expect(this.page.getByRole('heading', { level: 1, name: `${client.firstName} ${client.lastName}` })).toBeVisible()
  }
}
