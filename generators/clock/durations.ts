/** Lengths of virtual time in milliseconds, the clock's unit: the model's time units, under the world's names. */
export { DAY as day, HOUR as hour, MINUTE as minute, SECOND as second } from '../../engine/model/duration/timeUnits.ts';
