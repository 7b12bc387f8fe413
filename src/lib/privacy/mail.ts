// The mail that asks a person who unsubscribed whether they really want our
// emails again: sent only to their own address, nothing changes until they click.
import { layout, type RenderedMail } from '../mail/templates';

export function resubscribeMail(p: { confirmUrl: string }): RenderedMail {
  return layout('Confirm: email me again from Flywheel', {
    preheader: 'You unsubscribed earlier; a form asked to subscribe you again.',
    heading: 'Do you want our emails again?',
    paragraphs: [
      'You unsubscribed from Flywheel emails earlier. Someone — most likely you — has just ticked "email me" on one of our forms.',
      'We will only start again if you confirm. If it was not you, ignore this email and nothing changes.',
    ],
    button: { label: 'Yes, email me again', url: p.confirmUrl },
  });
}
