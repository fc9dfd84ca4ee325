/**
 * Finnish e-invoice operators (välittäjät) by intermediator id, the `eInvoiceOperator` a buyer's e-invoice address
 * needs. The list is Finance Finland's published operator table as commonly used (INFERRED: check a new operator
 * against https://www.finanssiala.fi/en/topics/finvoice-standard/ before adding it); banks go by BIC.
 */
export const E_INVOICE_OPERATORS: Readonly<Record<string, string>> = {
  '003723327487': 'Apix Messaging',
  '003721291126': 'Maventa',
  '003703575029': 'CGI',
  '003701011385': 'Tieto / Tietoevry',
  '003714377140': 'Ropo Capital',
  '003708599126': 'Liaison Technologies',
  '003710948874': 'OpusCapita / Posti',
  '00885790000000418': 'Enfo',
  '003701150617': 'Telia',
  '003705925424': 'Netvisor',
  '003717203971': 'Fennoa',
  BAWCFI22: 'Basware',
  NDEAFIHH: 'Nordea',
  OKOYFIHH: 'OP',
  DABAFIHH: 'Danske Bank',
  HANDFIHH: 'Handelsbanken',
  SBANFIHH: 'S-Pankki',
  HELSFIHH: 'Aktia',
  ITELFIHH: 'Säästöpankki / POP Pankki',
  AABAFI22: 'Ålandsbanken',
  PALSFIHH: 'Pallas / Ropo',
};

/** Why an e-invoice address cannot be used, or undefined when it can. */
export function eInvoiceProblem(address: string, operator: string): string | undefined {
  if (!operator.trim()) return `has e-invoice address ${address} without an operator`;
  if (!E_INVOICE_OPERATORS[operator.trim().toUpperCase()]) {
    return `has e-invoice operator "${operator}", which is not a known Finnish operator id (e.g. 003723327487 Apix, BAWCFI22 Basware, NDEAFIHH Nordea)`;
  }
  return undefined;
}
