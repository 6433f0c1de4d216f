import { parseDate } from "./dates.js";
import type { ElementFault } from "./tokenizer.js";
import type { GroupData, InterchangeData, MessageData, Party, SegmentData } from "./types.js";

/** Reading the typed fields of the header service segments UNB, UNG and UNH. */

const value = (seg: SegmentData, element: number, component = 1): string | undefined => {
  const v = seg.elements[element - 1]?.[component - 1];
  return v === undefined || v === "" ? undefined : v;
};

const optional = <K extends string>(key: K, v: string | undefined): { [P in K]?: string } =>
  (v === undefined ? {} : { [key]: v }) as { [P in K]?: string };

function party(seg: SegmentData, element: number, interchange: boolean): Party | undefined {
  const id = value(seg, element, 1);
  const rest = {
    ...optional("qualifier", value(seg, element, 2)),
    ...(interchange ? optional("internalId", value(seg, element, 3)) : {}),
    ...(interchange ? optional("internalSubId", value(seg, element, 4)) : {}),
  };
  return id === undefined && Object.keys(rest).length === 0 ? undefined : { id: id ?? "", ...rest };
}

/**
 * S004 date and time (HHMM): a value that is not a calendar date or a time is code 12. The date is
 * YYMMDD before syntax 4 and CCYYMMDD from it, but both lengths are accepted in every version: syntax 4
 * guides such as US CBP's APIS PAXLST prescribe six digits.
 */
function dateTimeFaults(seg: SegmentData, element: number): ElementFault[] {
  const faults: ElementFault[] = [];
  const date = value(seg, element, 1);
  const time = value(seg, element, 2);
  if (date !== undefined && parseDate(date, date.length === 8 ? "102" : "101") === undefined) {
    faults.push({
      code: 12,
      text: `${seg.tag} date "${date}" is not a YYMMDD or CCYYMMDD date`,
      element,
      component: 1,
    });
  }
  if (time !== undefined && parseDate(time, "401") === undefined) {
    faults.push({ code: 12, text: `${seg.tag} time "${time}" is not an HHMM time`, element, component: 2 });
  }
  return faults;
}

type Header = Omit<InterchangeData, "separators" | "groups" | "messages">;

export function readUnb(seg: SegmentData): { header: Header; faults: ElementFault[] } {
  const version = value(seg, 1, 2) ?? "";
  const faults: ElementFault[] = [];
  if (version !== "" && !/^[1-4]$/.test(version)) {
    faults.push({ code: 2, text: `syntax version "${version}" is not 1 to 4`, element: 1, component: 2 });
  }
  faults.push(...dateTimeFaults(seg, 4));
  // "0" is not in the code lists, but senders commonly write it for "no".
  const ack = value(seg, 9);
  if (ack !== undefined && ack !== "1" && ack !== "0") {
    faults.push({ code: 12, text: `acknowledgement request "${ack}" is not 1`, element: 9 });
  }
  const test = value(seg, 11);
  const tests = version === "4" ? ["0", "1", "2", "3", "4"] : ["0", "1"];
  if (test !== undefined && !tests.includes(test)) {
    faults.push({
      code: 12,
      text: `test indicator "${test}" is not one of ${tests.slice(1).join(", ")}`,
      element: 11,
    });
  }
  const ref = value(seg, 6, 1);
  const header: Header = {
    syntax: {
      identifier: value(seg, 1, 1) ?? "",
      version,
      ...optional("serviceCodeListVersion", value(seg, 1, 3)),
      ...optional("characterEncoding", value(seg, 1, 4)),
    },
    sender: party(seg, 2, true) ?? { id: "" },
    recipient: party(seg, 3, true) ?? { id: "" },
    date: value(seg, 4, 1) ?? "",
    time: value(seg, 4, 2) ?? "",
    controlRef: value(seg, 5) ?? "",
    ...(ref !== undefined || value(seg, 6, 2) !== undefined
      ? { recipientReference: { ref: ref ?? "", ...optional("qualifier", value(seg, 6, 2)) } }
      : {}),
    ...optional("applicationReference", value(seg, 7)),
    ...optional("priority", value(seg, 8)),
    ...optional("ackRequest", ack),
    ...optional("agreementId", value(seg, 10)),
    ...optional("testIndicator", test),
  };
  return { header, faults };
}

export function readUng(seg: SegmentData): { group: GroupData; faults: ElementFault[] } {
  const sender = party(seg, 2, false);
  const recipient = party(seg, 3, false);
  const version = value(seg, 7, 1);
  const release = value(seg, 7, 2);
  const association = value(seg, 7, 3);
  const group: GroupData = {
    ref: value(seg, 5) ?? "",
    ...optional("messageGroupId", value(seg, 1)),
    ...(sender ? { applicationSender: sender } : {}),
    ...(recipient ? { applicationRecipient: recipient } : {}),
    ...optional("date", value(seg, 4, 1)),
    ...optional("time", value(seg, 4, 2)),
    ...optional("agency", value(seg, 6)),
    ...(version !== undefined || release !== undefined || association !== undefined
      ? {
          messageVersion: {
            version: version ?? "",
            ...optional("release", release),
            ...optional("associationCode", association),
          },
        }
      : {}),
    ...optional("password", value(seg, 8)),
  };
  return { group, faults: dateTimeFaults(seg, 4) };
}

export function readUnh(seg: SegmentData): Omit<MessageData, "segments" | "group"> {
  const raw = (element: number) => {
    const comps = seg.elements[element - 1];
    return comps !== undefined && comps.some((c) => c !== "") ? { value: comps } : undefined;
  };
  const sequence = value(seg, 4, 1);
  const marker = value(seg, 4, 2);
  const subset = raw(5);
  const guideline = raw(6);
  const scenario = raw(7);
  return {
    ref: value(seg, 1) ?? "",
    type: value(seg, 2, 1) ?? "",
    version: value(seg, 2, 2) ?? "",
    release: value(seg, 2, 3) ?? "",
    agency: value(seg, 2, 4) ?? "",
    ...optional("associationCode", value(seg, 2, 5)),
    ...optional("codeListVersion", value(seg, 2, 6)),
    ...optional("subFunction", value(seg, 2, 7)),
    ...optional("commonAccessReference", value(seg, 3)),
    ...(sequence !== undefined || marker !== undefined
      ? { transfer: { sequence: sequence ?? "", ...optional("marker", marker) } }
      : {}),
    ...(subset ? { subset: subset.value } : {}),
    ...(guideline ? { guideline: guideline.value } : {}),
    ...(scenario ? { scenario: scenario.value } : {}),
  };
}

/** UNT, UNE, UNZ: the control count (element 1) and the reference (element 2). */
export function readTrailer(seg: SegmentData): { count?: string; ref?: string } {
  return { ...optional("count", value(seg, 1)), ...optional("ref", value(seg, 2)) };
}
