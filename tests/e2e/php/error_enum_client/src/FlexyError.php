<?php

namespace Shop\Flexy;

/** The error strings the Flexy API returns in `error` that the shop handles. */
enum FlexyError: string
{
    case Forbidden = 'Forbidden';
    case NoBalance = 'NO-BALANCE';
    case DuplicatedRef = 'DUPLICATED-REF';
    case Validation = 'ERR_VALIDATION';
    case Phone = 'ERR_PHONE';
    case NotFound = 'NOT_FOUND';
}
