// Response and request shapes of the Flexy API, shared by the client and the jobs.
export interface Balance {
  balance: number;
}

export interface Transaction {
  id: string;
  type: string;
  amount: number;
  time: string;
}

export interface TransactionPage {
  transactions: Transaction[];
  totalPages: number;
  currentPage: number;
  totalResults: number;
}

export interface TopupRequest {
  plan_code: string;
  MSSIDN: string;
  amount: number;
  ref: string;
}

export interface TopupResult {
  topupId: string;
  topupRef: string;
  newBalance: number;
}
