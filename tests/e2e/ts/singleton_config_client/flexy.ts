// One Flexy client for the whole app, built from the settings when first imported.
import { FLEXY } from "./config";

export interface Plan {
  code: string;
  name: string;
}

export interface Plans {
  dymanicPlans: (Plan & { min: number; max: number })[];
  fixedPlans: (Plan & { amount: number })[];
}

export interface TopupList {
  topups: { id: string; ref: string; status: string; amount: number }[];
  totalResults: number;
  currentPage: number;
  totalPages: number;
}

export class Flexy {
  constructor(private baseUrl: string, private key: string) {}

  async get<T>(path: string): Promise<T> {
    const res = await fetch(this.baseUrl + path, { headers: { authorization: this.key } });
    const body = await res.json();
    if (res.status >= 400) {
      throw new Error(`${res.status} ${body.message}`);
    }
    return body as T;
  }

  plans(): Promise<Plans> {
    return this.get<Plans>("/plans/listAll");
  }

  topups(page: number, pageSize: number): Promise<TopupList> {
    return this.get<TopupList>(`/topup/list?page=${page}&pageSize=${pageSize}`);
  }
}

export const flexy = new Flexy(FLEXY.baseUrl, FLEXY.key);
